import { newTableModel, sameName, type TableModel } from '../schema-model.ts'
import { constraintNames, type ModelBuilder } from './model-builder.ts'
import { newDraft, parseConstraint, skipIndexOptions } from './parse-constraint.ts'
import { parseDataType } from './parse-data-type.ts'
import { parseAdditive } from './parse-expression.ts'
import { parseColumn } from './parse-table.ts'
import { resolveTable } from './resolve-table.ts'
import type { TokenCursor } from './token-cursor.ts'

/** After `ALTER TABLE`: ADD, ALTER COLUMN, DROP, and [NO]CHECK CONSTRAINT. */
export function parseAlterTable(cur: TokenCursor, b: ModelBuilder, line: number): string {
  const name = cur.qualifiedName('a table name')
  parseAlterAction(cur, b, line, name)
  return `${name.schema}.${name.name}`
}

function parseAlterAction(
  cur: TokenCursor,
  b: ModelBuilder,
  line: number,
  name: { schema: string; name: string; line: number },
): void {
  const existing = b.tableOrIssue(name.schema, name.name, name.line)
  // A table that does not exist (or an IF branch that does not run) is still read, on a scratch copy.
  const table: TableModel = existing ?? newTableModel(name.schema, name.name)
  if (cur.acceptWords('WITH')) {
    if (!cur.acceptWords('CHECK') && !cur.acceptWords('NOCHECK')) cur.fail('CHECK or NOCHECK after WITH')
  }
  if (cur.acceptWords('CHECK', 'CONSTRAINT') || cur.acceptWords('NOCHECK', 'CONSTRAINT')) {
    if (!cur.acceptWords('ALL')) cur.identifier('a constraint name')
    while (cur.acceptSymbol(',')) cur.identifier('a constraint name')
    return
  }
  if (cur.acceptWords('SET')) {
    const options = cur.group('after SET').toUpperCase()
    if (/\bSYSTEM_VERSIONING\b/.test(options))
      b.unsupported(line, 'SYSTEM_VERSIONING (a temporal table and its history table)')
    return
  }
  if (cur.acceptWords('ENABLE', 'TRIGGER') || cur.acceptWords('DISABLE', 'TRIGGER')) {
    if (!cur.acceptWords('ALL')) {
      do cur.identifier('a trigger name')
      while (cur.acceptSymbol(','))
    }
    return
  }
  if (cur.acceptWords('REBUILD')) {
    if (cur.acceptWords('PARTITION')) {
      cur.expectSymbol('=', 'after PARTITION')
      cur.next('a partition number or ALL')
    }
    skipIndexOptions(cur)
    return
  }
  if (cur.acceptWords('SWITCH')) {
    if (cur.acceptWords('PARTITION')) parseAdditive(cur)
    cur.expectWords('TO')
    const to = cur.qualifiedName('the table to switch to')
    if (cur.acceptWords('PARTITION')) parseAdditive(cur)
    skipIndexOptions(cur)
    b.tableOrIssue(to.schema, to.name, to.line)
    b.unsupported(line, 'ALTER TABLE … SWITCH (moving rows between tables)')
    return
  }
  if (cur.acceptWords('ADD', 'PERIOD', 'FOR', 'SYSTEM_TIME')) {
    const [start, end] = cur.nameList('the period columns')
    if (end === undefined) cur.fail('two columns: PERIOD FOR SYSTEM_TIME (ValidFrom, ValidTo)')
    if (existing) b.columnsExist(table, [start!, end], line)
    b.unsupported(line, 'PERIOD FOR SYSTEM_TIME (a temporal table)')
    return
  }
  if (cur.acceptWords('ADD')) {
    const draft = newDraft(table)
    const names = constraintNames(table).length
    do {
      if (
        cur.isWord('CONSTRAINT') ||
        ['PRIMARY', 'UNIQUE', 'FOREIGN', 'CHECK', 'DEFAULT'].some((w) => cur.isWord(w))
      )
        parseConstraint(cur, draft, b, { defaultFor: true })
      else parseColumn(cur, draft, b)
    } while (cur.acceptSymbol(','))
    if (existing) {
      duplicateNames(table, names, b, line)
      resolveTable(draft, b)
    }
    return
  }
  if (cur.acceptWords('ALTER', 'COLUMN')) {
    const columnName = cur.identifier('a column name')
    if (cur.acceptWords('ADD') || cur.acceptWords('DROP')) {
      // ALTER COLUMN c ADD|DROP MASKED / ROWGUIDCOL / PERSISTED / HIDDEN / NOT FOR REPLICATION
      if (cur.acceptWords('MASKED')) {
        if (cur.acceptWords('WITH')) cur.group('after MASKED WITH')
        b.unsupported(line, `dynamic data masking on ${columnName}`)
      } else if (!['ROWGUIDCOL', 'PERSISTED', 'HIDDEN', 'SPARSE'].some((w) => cur.acceptWords(w)))
        cur.expectWords('NOT', 'FOR', 'REPLICATION')
      return
    }
    const type = parseDataType(cur)
    if (cur.acceptWords('COLLATE')) cur.identifier('a collation name')
    if (cur.acceptWords('SPARSE')) {
    }
    const nullable = cur.acceptWords('NOT', 'NULL') ? false : cur.acceptWords('NULL') ? true : undefined
    const column = table.columns.find((c) => sameName(c.name, columnName))
    if (existing && !column) {
      b.issue('semantic', line, `the column "${columnName}" does not exist in ${name.schema}.${name.name}`)
      return
    }
    if (column) {
      const { typeName: _, line: __, ...model } = type
      Object.assign(column, model)
      column.nullable = nullable ?? true
    }
    return
  }
  if (cur.acceptWords('DROP')) {
    do parseDropItem(cur, table, b, existing !== undefined, line)
    while (cur.acceptSymbol(','))
    return
  }
  cur.fail(
    'ADD, ALTER COLUMN, DROP, CHECK CONSTRAINT, NOCHECK CONSTRAINT, SET, ENABLE/DISABLE TRIGGER, REBUILD or SWITCH after the table name',
  )
}

function parseDropItem(
  cur: TokenCursor,
  table: TableModel,
  b: ModelBuilder,
  apply: boolean,
  line: number,
): void {
  const isColumn = cur.acceptWords('COLUMN')
  if (!isColumn) cur.acceptWords('CONSTRAINT')
  const ifExists = cur.acceptWords('IF', 'EXISTS')
  const target = cur.identifier(isColumn ? 'a column name' : 'a constraint name')
  if (!apply) return
  const found = isColumn ? dropColumn(table, target) : dropConstraint(table, target)
  if (!found && !ifExists)
    b.issue(
      'semantic',
      line,
      `${table.schema}.${table.name} has no ${isColumn ? 'column' : 'constraint'} named "${target}"`,
    )
}

function dropColumn(table: TableModel, name: string): boolean {
  const i = table.columns.findIndex((c) => sameName(c.name, name))
  if (i >= 0) table.columns.splice(i, 1)
  return i >= 0
}

function dropConstraint(table: TableModel, name: string): boolean {
  const named = (c: { name?: string }) => c.name !== undefined && sameName(c.name, name)
  if (table.primaryKey && named(table.primaryKey)) {
    delete table.primaryKey
    return true
  }
  for (const list of [table.uniqueConstraints, table.foreignKeys, table.checks] as { name?: string }[][]) {
    const i = list.findIndex(named)
    if (i >= 0) {
      list.splice(i, 1)
      return true
    }
  }
  const column = table.columns.find((c) => c.default && named(c.default))
  if (column) delete column.default
  return column !== undefined
}

function duplicateNames(table: TableModel, before: number, b: ModelBuilder, line: number): void {
  const names = constraintNames(table).map((n) => n.toLowerCase())
  const added = names.slice(before)
  for (const n of added) {
    if (
      names.indexOf(n) !== names.lastIndexOf(n) ||
      b.model.tables.some((t) => t !== table && constraintNames(t).some((o) => sameName(o, n)))
    )
      b.issue('semantic', line, `there is already an object named "${n}" in the database`)
  }
}
