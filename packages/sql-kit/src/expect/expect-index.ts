import { fail } from '@backend-labs/lab-kit'
import { type IndexModel, qualifiedName, type SchemaModel, sameName } from '../schema-model.ts'
import { columnsEqual, expectTable, whereOf } from './expect-table.ts'

export interface IndexExpectation {
  /** Key columns in order; a leading `-` means descending (`-OrderedAt`). */
  keyColumns: string[]
  /** Columns that must be included (order does not matter; key columns also count). */
  include?: string[]
  unique?: boolean
  clustered?: boolean
  /** Whether the index must be filtered. */
  filtered?: boolean
}

/** An index (CREATE INDEX or inline INDEX) with these key columns, whatever its name. */
export function expectIndex(model: SchemaModel, table: string, want: IndexExpectation): IndexModel {
  const t = expectTable(model, table)
  const keys = want.keyColumns.map((k) => k.replace(/^-/, ''))
  const desc = want.keyColumns.map((k) => k.startsWith('-'))
  const describe = (i: IndexModel) =>
    `${i.unique ? 'UNIQUE ' : ''}${i.clustered ? 'CLUSTERED' : 'NONCLUSTERED'} INDEX ${i.name} (${i.keyColumns
      .map((c) => `${c.name}${c.descending ? ' DESC' : ''}`)
      .join(
        ', ',
      )})${i.include.length ? ` INCLUDE (${i.include.join(', ')})` : ''}${i.filter ? ` WHERE ${i.filter}` : ''}`
  const expected = `an index on ${qualifiedName(t)} (${want.keyColumns.map((k) => k.replace(/^-(.*)$/, '$1 DESC')).join(', ')})${
    want.include?.length ? ` INCLUDE (${want.include.join(', ')})` : ''
  }${want.unique ? ', unique' : ''}`
  const onKeys = t.indexes.filter(
    (i) =>
      columnsEqual(
        i.keyColumns.map((c) => c.name),
        keys,
      ) && i.keyColumns.every((c, n) => c.descending === desc[n]),
  )
  const found = t.indexes.length ? t.indexes.map(describe).join('; ') : 'no index'
  if (onKeys.length === 0) fail({ expected, found, ...whereOf(t) })
  const ok = (i: IndexModel) =>
    (want.unique === undefined || i.unique === want.unique) &&
    (want.clustered === undefined || i.clustered === want.clustered) &&
    (want.filtered === undefined || (i.filter !== undefined) === want.filtered) &&
    (want.include ?? []).every((c) =>
      [...i.include, ...i.keyColumns.map((k) => k.name)].some((x) => sameName(x, c)),
    )
  const match = onKeys.find(ok)
  if (!match) fail({ expected, found: onKeys.map(describe).join('; '), ...whereOf(onKeys[0]) })
  return match
}
