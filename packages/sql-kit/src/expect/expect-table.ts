import { fail } from '@backend-labs/lab-kit'
import {
  findObjectsNamed,
  findTable,
  formatLocation,
  parseQualifiedName,
  qualifiedName,
  type SchemaModel,
  sameName,
  type TableModel,
} from '../schema-model.ts'

/** The table, or a failure that says where it is instead (another schema) or that it is missing. */
export function expectTable(model: SchemaModel, name: string): TableModel {
  const table = findTable(model, name)
  if (table) return table
  const wanted = parseQualifiedName(name)
  const expected = `a table ${qualifiedName(wanted)}`
  const elsewhere = findObjectsNamed(model, wanted.name)
  if (elsewhere.length > 0) {
    const other = findTable(model, elsewhere[0]!)
    fail({
      expected,
      found: `${elsewhere.join(', ')} (in the wrong schema)`,
      ...(formatLocation(other?.source) ? { where: formatLocation(other?.source)! } : {}),
      hint: `create it as ${qualifiedName(wanted)}, or move it with ALTER SCHEMA ${wanted.schema} TRANSFER ${elsewhere[0]}`,
    })
  }
  fail({
    expected,
    found: `no table named ${wanted.name}`,
    hint: `create it with CREATE TABLE ${qualifiedName(wanted)} (…)`,
  })
}

/** Fails unless the schema exists. */
export function expectSchema(model: SchemaModel, name: string): void {
  if (model.schemas.some((s) => sameName(s, name))) return
  fail({
    expected: `a schema named ${name}`,
    found: `only ${model.schemas.join(', ')}`,
    hint: `create it with CREATE SCHEMA ${name}`,
  })
}

/** `where` for a failure about an object that records its source line. */
export function whereOf(o: { source?: { file: string; line: number } } | undefined): { where?: string } {
  const where = formatLocation(o?.source)
  return where ? { where } : {}
}

/** Splits `dbo.OrderLines.ProductId` or `dbo.OrderLines(ProductId, LineNo)` into table and columns. */
export function parseColumnRef(ref: string): { table: string; columns: string[] } {
  const paren = /^(.*)\(([^)]*)\)\s*$/.exec(ref)
  if (paren)
    return {
      table: paren[1]!.trim(),
      columns: paren[2]!
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean),
    }
  const parts = ref.split('.')
  if (parts.length < 2) return { table: ref, columns: [] }
  return { table: parts.slice(0, -1).join('.'), columns: [parts.at(-1)!] }
}

export function columnsEqual(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => sameName(x, b[i]!))
}
