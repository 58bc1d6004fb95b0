import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fail } from '@backend-labs/lab-kit'
import type { SqlCheckContext } from '@backend-labs/sql-kit'

const STARTER = new URL('./starter/', import.meta.url)
const PROVIDED = ['setup.sql', 'seed.sql', 'workload.sql']

/** The scripts the grader runs, in order: the provided schema and data, then the learner's indexes. */
export const LAB_SCRIPTS = ['setup.sql', 'seed.sql', 'indexes.sql']

const text = (s: string) =>
  s
    .replace(/^\uFEFF/, '')
    .replaceAll('\r\n', '\n')
    .trimEnd()

/** The provided scripts must be the ones the lab ships: the task is indexes.sql alone. */
export async function expectProvidedScripts(ctx: SqlCheckContext): Promise<void> {
  for (const file of PROVIDED) {
    const original = await readFile(new URL(file, STARTER), 'utf8')
    const copy = await readFile(join(ctx.submissionDir, file), 'utf8').catch(() => undefined)
    if (copy === undefined || text(copy) !== text(original))
      fail({
        expected: `${file} as the lab provides it`,
        found: copy === undefined ? `no ${file}` : `a changed ${file}`,
        where: file,
        hint: `put your work in indexes.sql only; copy ${file} back from labs/sqlserver/indexing-workload/starter/`,
      })
  }
}

/** Runs setup.sql, seed.sql (the data) and the learner's indexes.sql, once per grade. */
export async function applyIndexes(ctx: SqlCheckContext): Promise<void> {
  await ctx.sql.apply(LAB_SCRIPTS)
}
