import {
  type ColumnModel,
  findColumn,
  findTable,
  qualifiedName,
  sameName,
  type TableModel,
} from '../schema-model.ts'
import type { Expr } from './ast.ts'
import type { ModelBuilder } from './model-builder.ts'
import { constraintNames } from './model-builder.ts'
import type { TableDraft } from './parse-constraint.ts'
import { parseExpression } from './parse-expression.ts'
import { ParseError, TokenCursor } from './token-cursor.ts'
import { LexError, tokenize } from './tsql-lexer.ts'

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
  for (const check of table.checks.slice(draft.checksBefore)) {
    if (check.column) b.columnsExist(table, [check.column], where(check.source?.line))
    const unknown = checkColumns(check.expression).filter((c) => !findColumn(table, c))
    for (const c of new Set(unknown))
      b.issue(
        'semantic',
        where(check.source?.line),
        `the CHECK${check.name ? ` ${check.name}` : ''} names the column "${c}", which ${qualifiedName(table)} does not have`,
      )
  }
  if (draft.created) duplicateConstraintNames(table, b)
  draft.checksBefore = table.checks.length
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

/** Column names in a CHECK expression (undefined parts of the tree are ignored). */
function checkColumns(expression: string): string[] {
  try {
    const cur = new TokenCursor(tokenize(expression), expression, 1)
    const expr = parseExpression(cur)
    if (!cur.atEnd()) return []
    return columnsOf(expr)
  } catch (error) {
    if (error instanceof ParseError || error instanceof LexError) return []
    throw error
  }
}

function columnsOf(e: Expr): string[] {
  switch (e.kind) {
    case 'column':
      return e.parts.length === 1 && !e.parts[0]!.startsWith('$') ? [e.parts[0]!] : []
    case 'call':
      return e.args.flatMap(columnsOf)
    case 'unary':
    case 'is-null':
    case 'cast':
      return columnsOf(e.operand)
    case 'binary':
      return [...columnsOf(e.left), ...columnsOf(e.right)]
    case 'in':
      return [...columnsOf(e.operand), ...(Array.isArray(e.list) ? e.list.flatMap(columnsOf) : [])]
    case 'between':
      return [e.operand, e.low, e.high].flatMap(columnsOf)
    case 'like':
      return [e.operand, e.pattern].flatMap(columnsOf)
    case 'case':
      return [
        ...(e.operand ? columnsOf(e.operand) : []),
        ...e.whens.flatMap((w) => [...columnsOf(w.when), ...columnsOf(w.result)]),
        ...(e.else ? columnsOf(e.else) : []),
      ]
    default:
      return []
  }
}

/** A constraint name is an object name: unique in its schema, across every table. */
function duplicateConstraintNames(table: TableModel, b: ModelBuilder): void {
  const mine = constraintNames(table)
  for (const name of new Set(mine.map((n) => n.toLowerCase()))) {
    const other = b.model.tables.find(
      (t) =>
        t !== table && sameName(t.schema, table.schema) && constraintNames(t).some((n) => sameName(n, name)),
    )
    const twice = mine.filter((n) => sameName(n, name)).length > 1
    if (other || twice)
      b.issue(
        'semantic',
        table.source?.line ?? 0,
        `there is already an object named "${mine.find((n) => sameName(n, name))}" in the database${other ? ` (a constraint of ${qualifiedName(other)})` : ''}: constraint names must be unique in the schema`,
      )
  }
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
  else
    fk.columns.forEach((name, i) => {
      const column = findColumn(table, name)
      const referenced = findColumn(target, fk.referencedColumns[i]!)
      if (!column?.type || !referenced?.type) return
      const a = describeType(column)
      const r = describeType(referenced)
      if (a !== r)
        b.issue(
          'semantic',
          line,
          `the foreign key column ${qualifiedName(table)}.${column.name} is ${a}, but the column it references, ${qualifiedName(target)}.${referenced.name}, is ${r}: they must have the same type and length`,
        )
    })
}

function describeType(c: ColumnModel): string {
  if (c.length !== undefined) return `${c.type}(${c.length})`
  if (c.precision !== undefined && c.scale !== undefined) return `${c.type}(${c.precision}, ${c.scale})`
  return c.type ?? '?'
}
