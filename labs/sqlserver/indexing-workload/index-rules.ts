import { fail } from '@backend-labs/lab-kit'
import {
  expectTable,
  type IndexModel,
  qualifiedName,
  type SchemaModel,
  sameName,
  type TableModel,
} from '@backend-labs/sql-kit'

/** An index, a unique constraint or the primary key, reduced to what a plan can use. */
export interface AccessPath {
  label: string
  keys: string[]
  /** Columns stored in the index: keys, INCLUDE columns, and the clustered key every index carries. */
  stored: string[]
  filter?: string
  where?: string
}

/** Every access path of the table; the clustered primary key's columns ride along in each index. */
export function accessPaths(table: TableModel): AccessPath[] {
  const clusterKey = table.primaryKey?.clustered ? table.primaryKey.columns.map((c) => c.name) : []
  const where = (s?: { file: string; line: number }) => (s ? { where: `${s.file}:${s.line}` } : {})
  const paths: AccessPath[] = table.indexes.map((i: IndexModel) => ({
    label: describeIndex(i),
    keys: i.keyColumns.map((c) => c.name),
    stored: [...i.keyColumns.map((c) => c.name), ...i.include, ...clusterKey],
    ...(i.filter ? { filter: i.filter } : {}),
    ...where(i.source),
  }))
  for (const u of table.uniqueConstraints) {
    const keys = u.columns.map((c) => c.name)
    paths.push({
      label: `UNIQUE (${keys.join(', ')})`,
      keys,
      stored: [...keys, ...clusterKey],
      ...where(u.source),
    })
  }
  return paths
}

export function describeIndex(i: IndexModel): string {
  const include = i.include.length ? ` INCLUDE (${i.include.join(', ')})` : ''
  const filter = i.filter ? ` WHERE ${i.filter}` : ''
  const keys = i.keyColumns.map((c) => `${c.name}${c.descending ? ' DESC' : ''}`).join(', ')
  return `INDEX ${i.name} (${keys})${include}${filter}`
}

export const has = (columns: readonly string[], name: string) => columns.some((c) => sameName(c, name))

/** What is there, for a failure message. */
export function describePaths(paths: AccessPath[]): string {
  return paths.length ? paths.map((p) => p.label).join('; ') : 'no index besides the primary key'
}

/**
 * An unfiltered access path on `table` led by `leading` that stores every column in `covers`.
 * Fails with what the table has and what to add.
 */
export function expectLedIndex(
  model: SchemaModel,
  tableName: string,
  want: { leading: string; covers: string[]; query: string; hint: string },
): void {
  const table = expectTable(model, tableName)
  const paths = accessPaths(table).filter((p) => !p.filter)
  const led = paths.filter((p) => p.keys[0] !== undefined && sameName(p.keys[0], want.leading))
  const expected = `an index on ${qualifiedName(table)} whose first key column is ${want.leading}${
    want.covers.length ? ` and that also holds ${want.covers.join(', ')}` : ''
  } (for ${want.query})`
  if (led.length === 0) fail({ expected, found: describePaths(accessPaths(table)), hint: want.hint })
  const missing = (p: AccessPath) => want.covers.filter((c) => !has(p.stored, c))
  if (led.some((p) => missing(p).length === 0)) return
  const best = led[0]!
  fail({
    expected,
    found: `${best.label}, which lacks ${missing(best).join(', ')}: every row found costs a key lookup into the table`,
    ...(best.where ? { where: best.where } : {}),
    hint: `add the missing columns with INCLUDE (${missing(best).join(', ')})`,
  })
}
