import { fail } from '@backend-labs/lab-kit'
import {
  type ForeignKeyModel,
  type KeyConstraintModel,
  parseQualifiedName,
  qualifiedName,
  type ReferentialAction,
  type SchemaModel,
  sameName,
} from '../schema-model.ts'
import { columnsEqual, expectTable, parseColumnRef, whereOf } from './expect-table.ts'

const list = (columns: readonly { name: string }[]) => columns.map((c) => c.name).join(', ')

/** A primary key on exactly these columns, in this order. */
export function expectPrimaryKey(
  model: SchemaModel,
  table: string,
  columns: string[],
  want: { clustered?: boolean } = {},
): KeyConstraintModel {
  const t = expectTable(model, table)
  const expected = `${qualifiedName(t)} to have the primary key (${columns.join(', ')})`
  const pk = t.primaryKey
  if (!pk)
    fail({
      expected,
      found: 'no primary key',
      ...whereOf(t),
      hint: 'add PRIMARY KEY to the column, or a CONSTRAINT … PRIMARY KEY (…) to the table',
    })
  if (
    !columnsEqual(
      pk.columns.map((c) => c.name),
      columns,
    )
  )
    fail({ expected, found: `PRIMARY KEY (${list(pk.columns)})`, ...whereOf(pk) })
  if (want.clustered !== undefined && pk.clustered !== want.clustered)
    fail({
      expected: `${expected}, ${want.clustered ? 'CLUSTERED' : 'NONCLUSTERED'}`,
      found: pk.clustered ? 'CLUSTERED' : 'NONCLUSTERED',
      ...whereOf(pk),
    })
  return pk
}

/** A UNIQUE constraint (or unique index) on exactly these columns. */
export function expectUnique(model: SchemaModel, table: string, columns: string[]): void {
  const t = expectTable(model, table)
  const keys = [
    ...t.uniqueConstraints.map((u) => u.columns),
    ...t.indexes.filter((i) => i.unique && !i.filter).map((i) => i.keyColumns),
  ]
  if (
    keys.some((k) =>
      columnsEqual(
        k.map((c) => c.name),
        columns,
      ),
    )
  )
    return
  const found = keys.length ? keys.map((k) => `UNIQUE (${list(k)})`).join(', ') : 'no unique constraint'
  fail({
    expected: `${qualifiedName(t)} to keep (${columns.join(', ')}) unique`,
    found,
    ...whereOf(t),
    hint: `add CONSTRAINT UQ_… UNIQUE (${columns.join(', ')})`,
  })
}

export interface ForeignKeyExpectation {
  onDelete?: ReferentialAction
  onUpdate?: ReferentialAction
}

/**
 * A foreign key from `dbo.OrderLines.ProductId` (or `dbo.OrderLines(A, B)`) to `dbo.Products(Id)`
 * (or `dbo.Products`, meaning any key of it), with the stated actions.
 */
export function expectForeignKey(
  model: SchemaModel,
  from: string,
  to: string,
  want: ForeignKeyExpectation = {},
): ForeignKeyModel {
  const source = parseColumnRef(from)
  const target = to.includes('(') ? parseColumnRef(to) : { table: to, columns: [] }
  const t = expectTable(model, source.table)
  const targetName = qualifiedName(parseQualifiedName(target.table))
  const actions = [
    want.onDelete && `ON DELETE ${want.onDelete}`,
    want.onUpdate && `ON UPDATE ${want.onUpdate}`,
  ].filter(Boolean)
  const toText = target.columns.length ? `${targetName}(${target.columns.join(', ')})` : targetName
  const expected = `${qualifiedName(t)}.${source.columns.join(', ')} to reference ${toText}${actions.length ? ` with ${actions.join(' and ')}` : ''}`
  const onColumns = t.foreignKeys.filter((f) => columnsEqual(f.columns, source.columns))
  if (onColumns.length === 0)
    fail({ expected, found: `no foreign key on ${source.columns.join(', ')}`, ...whereOf(t) })
  const fk = onColumns.find(
    (f) =>
      sameName(f.referencedTable, targetName) ||
      sameName(parseQualifiedName(f.referencedTable).name, targetName),
  )
  const describe = (f: ForeignKeyModel) =>
    `a foreign key to ${f.referencedTable}(${f.referencedColumns.join(', ')}) with ON DELETE ${f.onDelete} and ON UPDATE ${f.onUpdate}`
  if (!fk || !sameName(fk.referencedTable, targetName))
    fail({ expected, found: describe(onColumns[0]!), ...whereOf(onColumns[0]) })
  const wrong =
    (target.columns.length > 0 && !columnsEqual(fk.referencedColumns, target.columns)) ||
    (want.onDelete !== undefined && fk.onDelete !== want.onDelete) ||
    (want.onUpdate !== undefined && fk.onUpdate !== want.onUpdate)
  if (wrong) fail({ expected, found: describe(fk), ...whereOf(fk) })
  return fk
}
