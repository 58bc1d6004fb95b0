import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fail } from '@backend-labs/lab-kit'
import {
  type ModuleModel,
  qualifiedName,
  type SchemaModel,
  type SqlCheckContext,
  sameName,
} from '@backend-labs/sql-kit'

const STARTER = new URL('./starter/', import.meta.url)
const PROVIDED = ['setup.sql', 'seed.sql']
export const LAB_SCRIPTS = [...PROVIDED, 'view.sql', 'procedure.sql']
// The first apply may wait for SQL Server to start (live engine).
export const APPLY_TIMEOUT_MS = 180_000

const text = (s: string) =>
  s
    .replace(/^\uFEFF/, '')
    .replaceAll('\r\n', '\n')
    .trimEnd()

export async function expectProvidedScripts(ctx: SqlCheckContext): Promise<void> {
  for (const file of PROVIDED) {
    const copy = await readFile(join(ctx.submissionDir, file), 'utf8').catch(() => undefined)
    if (copy === undefined || text(copy) !== text(await readFile(new URL(file, STARTER), 'utf8')))
      fail({
        expected: `${file} as the lab provides it`,
        found: copy === undefined ? `no ${file}` : `a changed ${file}`,
        where: file,
        hint: `put your work in view.sql and procedure.sql; copy ${file} back from labs/sqlserver/view-and-procedure/starter/`,
      })
  }
}

export async function applyLab(ctx: SqlCheckContext): Promise<SchemaModel> {
  await ctx.sql.apply(LAB_SCRIPTS)
  return ctx.sql.model()
}

/** The view or procedure, or a failure naming where a module of that name is instead. */
export function expectModule(model: SchemaModel, kind: 'view' | 'procedure', name: string): ModuleModel {
  const [schema, object] = name.split('.') as [string, string]
  const list = kind === 'view' ? model.views : model.procedures
  const found = list.find((m) => sameName(m.schema, schema) && sameName(m.name, object))
  if (found) return found
  const elsewhere = [...model.views, ...model.procedures].filter((m) => sameName(m.name, object))
  fail({
    expected: `a ${kind} ${name}`,
    found: elsewhere.length
      ? `${elsewhere.map(qualifiedName).join(', ')} (in the wrong schema)`
      : `no ${kind} named ${object}`,
    ...(elsewhere[0]?.source ? { where: `${elsewhere[0].source.file}:${elsewhere[0].source.line}` } : {}),
    hint: elsewhere.length
      ? `create it as ${name} (CREATE ${kind.toUpperCase()} ${name} …), or move it with ALTER SCHEMA ${schema} TRANSFER ${qualifiedName(elsewhere[0]!)}`
      : `create it with CREATE ${kind.toUpperCase()} ${name} … AS …`,
  })
}
