import { findColumn, findTable, qualifiedName, sameName, type TableModel } from '../schema-model.ts'
import type { ModelBuilder } from './model-builder.ts'
import type { TableDraft } from './parse-constraint.ts'

/**
 * Completes a table once its definition (or an ALTER TABLE) has been read, the way SQL Server does:
 * key columns become NOT NULL, the primary key is clustered unless something else is, foreign keys
 * must point at an existing key, and every named column must exist.
 */
export function resolveTable(draft: TableDraft, b: ModelBuilder): void {
  const { table } = draft
  const where = (line: number | undefined) => line ?? table.source?.line ?? 0
  const keys = [table.primaryKey, ...table.uniqueConstraints].filter((k) => k !== undefined)
  for (const key of keys)
    b.columnsExist(
      table,
      key.columns.map((c) => c.name),
      where(key.source?.line),
    )
  for (const check of table.checks)
    if (check.column) b.columnsExist(table, [check.column], where(check.source?.line))
  for (const index of table.indexes) {
    b.columnsExist(
      table,
      [...index.keyColumns.map((c) => c.name), ...index.include],
      where(index.source?.line),
    )
  }

  const pk = table.primaryKey
  if (pk) {
    for (const c of pk.columns) {
      const column = findColumn(table, c.name)
      if (!column) continue
      if (draft.explicitNull.has(column.name.toLowerCase()))
        b.issue(
          'semantic',
          where(pk.source?.line),
          `the primary key column "${column.name}" is declared NULL`,
        )
      column.nullable = false
    }
  }
  const explicitClustered = [...keys, ...table.indexes].filter(
    (k) => k.clustered && !(draft.defaultClustering as Set<object>).has(k),
  )
  for (const key of draft.defaultClustering) key.clustered = key === pk && explicitClustered.length === 0
  if ([...keys, ...table.indexes].filter((k) => k.clustered).length > 1)
    b.issue(
      'semantic',
      where(pk?.source?.line),
      `${qualifiedName(table)} cannot have more than one clustered index`,
    )

  for (const { index, line } of draft.foreignKeys) resolveForeignKey(table, index, line, b)
  draft.foreignKeys = []
  draft.defaultClustering.clear()
}

function resolveForeignKey(table: TableModel, index: number, line: number, b: ModelBuilder): void {
  const fk = table.foreignKeys[index]
  if (!fk) return
  b.columnsExist(table, fk.columns, line)
  const target = findTable(b.model, fk.referencedTable)
  if (!target) {
    b.issue(
      'semantic',
      line,
      `the foreign key on ${qualifiedName(table)}(${fk.columns.join(', ')}) references ${fk.referencedTable}, which does not exist at this point of the script`,
    )
    return
  }
  fk.referencedTable = qualifiedName(target)
  const uniqueIndexes = target.indexes
    .filter((i) => i.unique && !i.filter)
    .map((i) => ({ columns: i.keyColumns }))
  const keys = [target.primaryKey, ...target.uniqueConstraints, ...uniqueIndexes]
  if (fk.referencedColumns.length === 0)
    fk.referencedColumns = target.primaryKey?.columns.map((c) => c.name) ?? []
  else b.columnsExist(target, fk.referencedColumns, line)
  const matches = keys.some(
    (k) =>
      k !== undefined &&
      k.columns.length === fk.referencedColumns.length &&
      k.columns.every((c) => fk.referencedColumns.some((r) => sameName(r, c.name))),
  )
  if (!matches)
    b.issue(
      'semantic',
      line,
      `${fk.referencedTable}(${fk.referencedColumns.join(', ') || '?'}) is not a primary key or unique constraint, so a foreign key cannot reference it`,
    )
  else if (fk.referencedColumns.length !== fk.columns.length)
    b.issue(
      'semantic',
      line,
      `the foreign key has ${fk.columns.length} column(s) but references ${fk.referencedColumns.length}`,
    )
}
