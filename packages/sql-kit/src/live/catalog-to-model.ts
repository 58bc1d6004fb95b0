import type { ColumnModel, ReferentialAction, SchemaModel, TableModel } from '../schema-model.ts'
import { emptySchemaModel, newTableModel } from '../schema-model.ts'
import type { CatalogRows } from './catalog-rows.ts'

const CHARACTER_TYPES = new Set(['char', 'varchar', 'binary', 'varbinary'])
const UNICODE_TYPES = new Set(['nchar', 'nvarchar'])
const SCALE_TYPES = new Set(['datetime2', 'time', 'datetimeoffset'])

/** Builds the SchemaModel from catalog rows, in the same shape and units as the static engine. */
export function catalogToModel(rows: CatalogRows): SchemaModel {
  const model = emptySchemaModel('live')
  model.schemas = rows.schemas.map((s) => s.name)
  const byId = new Map<number, TableModel>()
  for (const t of rows.tables) {
    const table = newTableModel(t.schemaName, t.name)
    byId.set(t.objectId, table)
    model.tables.push(table)
  }
  for (const r of rows.columns) byId.get(r.objectId)?.columns.push(toColumn(r))
  for (const r of rows.keys) {
    const table = byId.get(r.objectId)
    if (!table) continue
    const column = { name: r.columnName, descending: r.isDescending }
    if (r.type === 'PK') {
      table.primaryKey ??= { ...named(r), columns: [], clustered: r.clustered }
      table.primaryKey.columns.push(column)
      continue
    }
    let key = table.uniqueConstraints.find((u) => keyNames.get(u) === r.name)
    if (!key) {
      key = { ...named(r), columns: [], clustered: r.clustered }
      keyNames.set(key, r.name)
      table.uniqueConstraints.push(key)
    }
    key.columns.push(column)
  }
  for (const r of rows.foreignKeys) {
    const table = byId.get(r.objectId)
    if (!table) continue
    let fk = table.foreignKeys.find((f) => keyNames.get(f) === r.name)
    if (!fk) {
      fk = {
        ...named(r),
        columns: [],
        referencedTable: `${r.refSchema}.${r.refTable}`,
        referencedColumns: [],
        onDelete: action(r.onDelete),
        onUpdate: action(r.onUpdate),
      }
      keyNames.set(fk, r.name)
      table.foreignKeys.push(fk)
    }
    fk.columns.push(r.columnName)
    fk.referencedColumns.push(r.refColumnName)
  }
  for (const r of rows.checks) {
    byId.get(r.objectId)?.checks.push({
      ...named(r),
      expression: r.definition,
      ...(r.columnName ? { column: r.columnName } : {}),
    })
  }
  for (const r of rows.indexes) {
    const table = byId.get(r.objectId)
    if (!table) continue
    let index = table.indexes.find((i) => i.name === r.name)
    if (!index) {
      index = {
        name: r.name,
        unique: r.isUnique,
        clustered: r.clustered,
        keyColumns: [],
        include: [],
        ...(r.filter ? { filter: r.filter } : {}),
      }
      table.indexes.push(index)
    }
    if (r.isIncluded) index.include.push(r.columnName)
    else index.keyColumns.push({ name: r.columnName, descending: r.isDescending })
  }
  for (const m of rows.modules) {
    const module = { schema: m.schemaName, name: m.name, definition: m.definition ?? '' }
    ;(m.type === 'V' ? model.views : model.procedures).push(module)
  }
  return model
}

// Rows come grouped per constraint; system-named ones have no `name` in the model, so remember it here.
const keyNames = new WeakMap<object, string>()

function named(r: { name: string; isSystemNamed: boolean }): { name?: string } {
  return r.isSystemNamed ? {} : { name: r.name }
}

function action(desc: string): ReferentialAction {
  return desc.replaceAll('_', ' ').toUpperCase() as ReferentialAction
}

function toColumn(r: CatalogRows['columns'][number]): ColumnModel {
  const column: ColumnModel = { name: r.name, nullable: r.isNullable }
  if (r.computedDefinition !== null) {
    column.computed = { expression: r.computedDefinition, persisted: r.isPersisted === true }
    return column
  }
  const type = r.typeName.toLowerCase()
  column.type = type
  if (CHARACTER_TYPES.has(type)) column.length = r.maxLength === -1 ? 'max' : r.maxLength
  else if (UNICODE_TYPES.has(type)) column.length = r.maxLength === -1 ? 'max' : r.maxLength / 2
  else if (type === 'decimal' || type === 'numeric') [column.precision, column.scale] = [r.precision, r.scale]
  else if (type === 'float') column.precision = 53
  else if (SCALE_TYPES.has(type)) column.scale = r.scale
  if (r.seed !== null && r.increment !== null)
    column.identity = { seed: Number(r.seed), increment: Number(r.increment) }
  if (r.defaultDefinition !== null) {
    column.default = {
      expression: r.defaultDefinition,
      ...(r.defaultSystemNamed ? {} : { name: r.defaultName ?? '' }),
    }
  }
  return column
}
