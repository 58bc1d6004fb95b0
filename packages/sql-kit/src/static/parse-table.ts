import { type ColumnModel, newTableModel } from '../schema-model.ts'
import type { ModelBuilder } from './model-builder.ts'
import {
  CONSTRAINT_STARTS,
  newDraft,
  parseClustering,
  parseConstraint,
  type TableDraft,
} from './parse-constraint.ts'
import { isKnownType, parseDataType } from './parse-data-type.ts'
import { parseInlineIndex } from './parse-index.ts'
import { resolveTable } from './resolve-table.ts'
import { isStatementStart } from './statement-boundary.ts'
import type { TokenCursor } from './token-cursor.ts'

/** After `CREATE TABLE`: the name, the element list, then table options. */
export function parseCreateTable(cur: TokenCursor, b: ModelBuilder, line: number): string {
  const name = cur.qualifiedName('a table name')
  const table = newTableModel(name.schema, name.name, b.at(line))
  const draft = newDraft(table, true)
  if (!cur.isWord('AS')) {
    cur.expectSymbol('(', `after CREATE TABLE ${name.name}`)
    do {
      if (cur.isSymbol(')')) break
      parseTableElement(cur, draft, b)
    } while (cur.acceptSymbol(','))
    cur.expectSymbol(')', `or "," after the last column or constraint of ${name.name}`)
  }
  for (;;) {
    if (cur.acceptWords('AS')) {
      const graph = cur.next('NODE or EDGE').upper
      if (graph !== 'NODE' && graph !== 'EDGE') cur.fail('NODE or EDGE after AS', cur.tokens[cur.pos - 1])
      b.unsupported(line, `a graph table (AS ${graph}) and its hidden graph columns`)
    } else if (cur.acceptWords('ON') || cur.acceptWords('TEXTIMAGE_ON') || cur.acceptWords('FILESTREAM_ON')) {
      cur.identifier('a filegroup', true)
      if (cur.isSymbol('(')) cur.group('after the partition scheme')
    } else if (cur.acceptWords('WITH')) {
      const options = cur.group('after WITH').toUpperCase()
      if (/\bSYSTEM_VERSIONING\b/.test(options))
        b.unsupported(line, 'SYSTEM_VERSIONING (a temporal table and its history table)')
      if (/\bMEMORY_OPTIMIZED\s*=\s*ON\b/.test(options))
        b.unsupported(line, 'a memory-optimized table (MEMORY_OPTIMIZED = ON)')
      if (/\bLEDGER\b/.test(options)) b.unsupported(line, 'a ledger table')
    } else break
  }
  if (b.canCreate(table.schema, table.name, line)) {
    b.model.tables.push(table)
    resolveTable(draft, b)
  }
  return `${name.schema}.${name.name}`
}

/** A column definition, a table constraint, or an inline INDEX. */
export function parseTableElement(cur: TokenCursor, draft: TableDraft, b: ModelBuilder): void {
  if (CONSTRAINT_STARTS.some((w) => w !== 'DEFAULT' && w !== 'REFERENCES' && cur.isWord(w))) {
    parseConstraint(cur, draft, b, {})
    return
  }
  if (cur.isWord('INDEX')) {
    parseInlineIndex(cur, draft, b)
    return
  }
  if (
    cur.isWord('REFERENCES') ||
    cur.isWord('DEFAULT') ||
    cur.isWord('NOT') ||
    cur.isWord('NULL') ||
    cur.isWord('IDENTITY')
  ) {
    const word = cur.peek()!.text.toUpperCase()
    const previous = draft.table.columns.at(-1)?.name
    cur.fail(
      `a column or a table constraint: ${word} belongs to a column, so remove the "," before it${previous ? ` (it then applies to ${previous})` : ''}${word === 'REFERENCES' ? ', or write FOREIGN KEY (column) REFERENCES …' : ''}`,
    )
  }
  if (cur.acceptWords('PERIOD', 'FOR', 'SYSTEM_TIME')) {
    const line = cur.tokens[cur.pos - 1]!.line
    const [start, end] = cur.nameList('the period columns')
    if (end === undefined) cur.fail('two columns: PERIOD FOR SYSTEM_TIME (ValidFrom, ValidTo)')
    b.columnsExist(draft.table, [start!, end], line)
    b.unsupported(line, 'PERIOD FOR SYSTEM_TIME (a temporal table)')
    return
  }
  parseColumn(cur, draft, b)
}

/** `Name type [options…]` or `Name AS expression [PERSISTED [NOT NULL]]`. */
export function parseColumn(cur: TokenCursor, draft: TableDraft, b: ModelBuilder): void {
  const line = cur.line()
  const name = cur.identifier('a column name or a constraint')
  const column: ColumnModel = { name, nullable: true, source: b.at(line) }
  if (draft.table.columns.some((c) => c.name.toLowerCase() === name.toLowerCase()))
    b.issue(
      'semantic',
      line,
      `the column "${name}" is declared twice in ${draft.table.schema}.${draft.table.name}`,
    )
  draft.table.columns.push(column)
  if (cur.acceptWords('AS')) {
    const from = cur.pos
    while (!cur.isWord('PERSISTED') && !CONSTRAINT_STARTS.some((w) => cur.isWord(w)) && !atElementEnd(cur)) {
      if (cur.isSymbol('(')) cur.group('in the computed column')
      else cur.next()
    }
    if (from === cur.pos) cur.fail(`an expression for the computed column ${name}`)
    const expression = cur.textBetween(from, cur.pos)
    const persisted = cur.acceptWords('PERSISTED')
    column.computed = { expression, persisted }
    if (persisted && cur.acceptWords('NOT', 'NULL')) column.nullable = false
  } else {
    const type = parseDataType(cur)
    const { typeName: _, line: typeLine, ...model } = type
    Object.assign(column, model)
    const alias = b.aliasTypes.get(type.typeName.toLowerCase())
    if (alias) {
      Object.assign(column, alias.type)
      delete (column as { typeName?: string }).typeName
      delete (column as { line?: number }).line
      if (alias.notNull) column.nullable = false
    } else if (!isKnownType(type.typeName)) {
      b.issue('semantic', typeLine, `cannot find the data type "${type.typeName}" (column ${name})`)
    }
  }
  parseColumnOptions(cur, draft, b, column)
}

function parseColumnOptions(cur: TokenCursor, draft: TableDraft, b: ModelBuilder, column: ColumnModel): void {
  while (!atElementEnd(cur)) {
    if (cur.acceptWords('NOT', 'NULL')) column.nullable = false
    else if (cur.acceptWords('NULL')) {
      column.nullable = true
      draft.explicitNull.add(column.name.toLowerCase())
    } else if (cur.acceptWords('NOT')) cur.fail('NULL after NOT')
    else if (cur.acceptWords('IDENTITY')) {
      column.identity = { seed: 1, increment: 1 }
      if (cur.acceptSymbol('(')) {
        column.identity.seed = signedNumber(cur)
        cur.expectSymbol(',', 'between the IDENTITY seed and increment')
        column.identity.increment = signedNumber(cur)
        cur.expectSymbol(')', 'after the IDENTITY increment')
      }
      column.nullable = false
      cur.acceptWords('NOT', 'FOR', 'REPLICATION')
    } else if (cur.acceptWords('COLLATE')) cur.identifier('a collation name')
    else if (cur.acceptWords('GENERATED', 'ALWAYS', 'AS')) {
      const line = cur.line()
      const what = cur.next('ROW, TRANSACTION_ID or SEQUENCE_NUMBER').upper
      if (!cur.acceptWords('START') && !cur.acceptWords('END')) cur.fail('START or END')
      cur.acceptWords('HIDDEN')
      column.nullable = false
      b.unsupported(line, `GENERATED ALWAYS AS ${what} (a temporal period column)`)
    } else if (cur.acceptWords('MASKED', 'WITH')) {
      cur.group('after MASKED WITH')
      b.unsupported(column.source?.line ?? cur.line(), `dynamic data masking (MASKED WITH) on ${column.name}`)
    } else if (cur.acceptWords('HIDDEN')) {
      // a hidden period column: not part of the model
    } else if (cur.acceptWords('ROWGUIDCOL') || cur.acceptWords('SPARSE') || cur.acceptWords('FILESTREAM')) {
      // Storage options: not part of the model.
    } else if (cur.isWord('INDEX')) {
      cur.acceptWords('INDEX')
      const name = cur.identifier('an index name')
      const clustered = parseClustering(cur) ?? false
      const index = { name, unique: false, clustered, keyColumns: [{ name: column.name, descending: false }] }
      draft.table.indexes.push({ ...index, include: [], source: b.at(cur.line()) })
    } else if (CONSTRAINT_STARTS.some((w) => cur.isWord(w)))
      parseConstraint(cur, draft, b, { column: column.name })
    else
      cur.fail(
        `"," or ")" after column ${column.name}, or one of NULL, NOT NULL, IDENTITY, DEFAULT, PRIMARY KEY, UNIQUE, CHECK, REFERENCES, CONSTRAINT`,
      )
  }
}

function atElementEnd(cur: TokenCursor): boolean {
  return cur.atEnd() || cur.isSymbol(',') || cur.isSymbol(')') || cur.isSymbol(';') || isStatementStart(cur)
}

function signedNumber(cur: TokenCursor): number {
  const negative = cur.acceptSymbol('-')
  const t = cur.next('a number')
  if (t.kind !== 'number') cur.fail('a number', t)
  return negative ? -Number(t.value) : Number(t.value)
}
