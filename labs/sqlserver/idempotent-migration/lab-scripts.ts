import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fail } from '@backend-labs/lab-kit'
import type { SqlCheckContext } from '@backend-labs/sql-kit'

const STARTER = new URL('./starter/', import.meta.url)
const PROVIDED = ['setup.sql', 'seed.sql']

// The first apply may wait for SQL Server to start (live engine).
export const APPLY_TIMEOUT_MS = 180_000

const text = (s: string) =>
  s
    .replace(/^\uFEFF/, '')
    .replaceAll('\r\n', '\n')
    .trimEnd()

/** The learner's copy of a script, BOM and CRLF removed (undefined when it is missing). */
export async function readSubmitted(ctx: SqlCheckContext, file: string): Promise<string | undefined> {
  const copy = await readFile(join(ctx.submissionDir, file), 'utf8').catch(() => undefined)
  return copy === undefined ? undefined : text(copy)
}

export async function expectProvidedScripts(ctx: SqlCheckContext): Promise<void> {
  for (const file of PROVIDED) {
    const copy = await readSubmitted(ctx, file)
    if (copy !== text(await readFile(new URL(file, STARTER), 'utf8')))
      fail({
        expected: `${file} as the lab provides it`,
        found: copy === undefined ? `no ${file}` : `a changed ${file}`,
        where: file,
        hint: `put your work in migration.sql only; copy ${file} back from labs/sqlserver/idempotent-migration/starter/`,
      })
  }
}

/**
 * Version 1 (setup.sql, seed.sql), then the learner's migration, once per grade. Under the live
 * engine the grader keeps a copy of the version-1 customers first, to prove later that no row changed.
 */
export async function applyMigration(ctx: SqlCheckContext): Promise<void> {
  await ctx.sql.apply(PROVIDED)
  if (ctx.sql.engine === 'live') {
    await ctx.sql.exec("IF SCHEMA_ID(N'grader') IS NULL EXEC (N'CREATE SCHEMA grader')")
    await ctx.sql.exec(
      "IF OBJECT_ID(N'grader.CustomersV1') IS NULL SELECT CustomerId, FullName, Email, City, CreatedAt INTO grader.CustomersV1 FROM shop.Customers",
    )
  }
  await ctx.sql.apply([...PROVIDED, 'migration.sql'])
}
