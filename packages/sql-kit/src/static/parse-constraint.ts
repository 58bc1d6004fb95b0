import type { KeyColumn, KeyConstraintModel, ReferentialAction, TableModel } from '../schema-model.ts'
import type { ModelBuilder } from './model-builder.ts'
import type { TokenCursor } from './token-cursor.ts'

/** A CREATE/ALTER TABLE being read: the table plus what can only be resolved once it is complete. */
export interface TableDraft {
  table: TableModel
  /** Foreign keys whose target is checked (and, without a column list, resolved) at the end. */
  foreignKeys: { index: number; line: number }[]
  /** Keys without CLUSTERED/NONCLUSTERED: SQL Server picks clustered for a PK if nothing else is. */
  defaultClustering: Set<KeyConstraintModel>
  /** Columns declared with an explicit NULL (a primary key on one is an error). */
  explicitNull: Set<string>
  /** CHECKs before this statement (only the ones it adds are validated). */
  checksBefore: number
  /** A CREATE TABLE (its constraint names are checked against every other table). */
  created: boolean
}

export function newDraft(table: TableModel, created = false): TableDraft {
  return {
    table,
    foreignKeys: [],
    defaultClustering: new Set(),
    explicitNull: new Set(),
    checksBefore: table.checks.length,
    created,
  }
}

export const CONSTRAINT_STARTS = [
  'CONSTRAINT',
  'PRIMARY',
  'UNIQUE',
  'FOREIGN',
  'CHECK',
  'REFERENCES',
  'DEFAULT',
]

/**
 * Reads one constraint. `column` is set for a column-level constraint (`Id int CONSTRAINT PK_T PRIMARY KEY`),
 * where the column list is implied; `defaultFor` allows ALTER TABLE's `DEFAULT expr FOR column`.
 */
export function parseConstraint(
  cur: TokenCursor,
  draft: TableDraft,
  b: ModelBuilder,
  options: { column?: string; defaultFor?: boolean },
): void {
  const line = cur.line()
  const name = cur.acceptWords('CONSTRAINT') ? cur.identifier('a constraint name') : undefined
  const source = b.at(line)
  const { table } = draft
  const { column } = options
  const withName = <T extends object>(o: T) => (name ? { name, ...o } : o)

  if (cur.acceptWords('PRIMARY', 'KEY') || cur.isWord('UNIQUE')) {
    const primary = !cur.acceptWords('UNIQUE')
    const clustering = parseClustering(cur)
    if (cur.acceptWords('HASH')) b.unsupported(line, 'a memory-optimized HASH key')
    const columns = column ? [{ name: column, descending: false }] : keyColumnList(cur, 'key column list')
    skipIndexOptions(cur)
    const key: KeyConstraintModel = withName({ columns, clustered: clustering ?? false, source })
    if (clustering === undefined) draft.defaultClustering.add(key)
    if (!primary) table.uniqueConstraints.push(key)
    else if (table.primaryKey)
      b.issue('semantic', line, `${table.schema}.${table.name} already has a primary key`)
    else table.primaryKey = key
    return
  }
  if (cur.acceptWords('CHECK')) {
    cur.acceptWords('NOT', 'FOR', 'REPLICATION')
    const expression = cur.group('after CHECK')
    table.checks.push(withName({ expression, ...(column ? { column } : {}), source }))
    return
  }
  if (cur.isWord('FOREIGN') || cur.isWord('REFERENCES')) {
    let columns: string[]
    if (cur.acceptWords('FOREIGN', 'KEY'))
      columns = column && !cur.isSymbol('(') ? [column] : cur.nameList('foreign key columns')
    else if (column) columns = [column]
    else cur.fail('FOREIGN KEY (columns) before REFERENCES')
    cur.expectWords('REFERENCES')
    const target = cur.qualifiedName('the referenced table')
    const referencedColumns = cur.isSymbol('(') ? cur.nameList('referenced columns') : []
    const actions = parseReferentialActions(cur)
    draft.foreignKeys.push({ index: table.foreignKeys.length, line })
    table.foreignKeys.push(
      withName({
        columns,
        referencedTable: `${target.schema}.${target.name}`,
        referencedColumns,
        ...actions,
        source,
      }),
    )
    return
  }
  if (cur.acceptWords('DEFAULT')) {
    const expression = parseDefaultExpression(cur)
    let target = column
    if (!target && options.defaultFor) {
      cur.expectWords('FOR')
      target = cur.identifier('the column the default is for')
    }
    if (!target) cur.fail('a column for this DEFAULT')
    const col = table.columns.find((c) => c.name.toLowerCase() === target.toLowerCase())
    if (!col)
      b.issue('semantic', line, `the column "${target}" does not exist in ${table.schema}.${table.name}`)
    else if (col.default && b.applying)
      b.issue(
        'semantic',
        line,
        `the column "${target}" of ${table.schema}.${table.name} already has a default`,
      )
    else col.default = withName({ expression })
    cur.acceptWords('WITH', 'VALUES')
    return
  }
  cur.fail('PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK or DEFAULT')
}

/** CLUSTERED or NONCLUSTERED, if written. */
export function parseClustering(cur: TokenCursor): boolean | undefined {
  if (cur.acceptWords('CLUSTERED')) return true
  if (cur.acceptWords('NONCLUSTERED')) return false
  return undefined
}

/** `(A, B DESC)` */
export function keyColumnList(cur: TokenCursor, what: string): KeyColumn[] {
  cur.expectSymbol('(', `before the ${what}`)
  const columns: KeyColumn[] = []
  do {
    const name = cur.identifier(`a column name in the ${what}`)
    const descending = cur.acceptWords('DESC')
    if (!descending) cur.acceptWords('ASC')
    columns.push({ name, descending })
  } while (cur.acceptSymbol(','))
  cur.expectSymbol(')', `after the ${what}`)
  return columns
}

/** `WITH (PAD_INDEX = OFF, …)` and `ON [PRIMARY]` change nothing in the model. */
export function skipIndexOptions(cur: TokenCursor): void {
  for (;;) {
    if (cur.isWord('WITH') && cur.isSymbol('(', 1)) {
      cur.acceptWords('WITH')
      cur.group('after WITH')
    } else if (cur.isWord('ON') && !cur.isWord('DELETE', 1) && !cur.isWord('UPDATE', 1)) {
      cur.acceptWords('ON')
      cur.identifier('a filegroup or partition scheme', true)
      if (cur.isSymbol('(')) cur.group('after the partition scheme')
    } else return
  }
}

function parseReferentialActions(cur: TokenCursor): {
  onDelete: ReferentialAction
  onUpdate: ReferentialAction
} {
  const actions = { onDelete: 'NO ACTION' as ReferentialAction, onUpdate: 'NO ACTION' as ReferentialAction }
  for (;;) {
    if (cur.acceptWords('NOT', 'FOR', 'REPLICATION')) continue
    if (!cur.isWord('ON') || !(cur.isWord('DELETE', 1) || cur.isWord('UPDATE', 1))) return actions
    cur.acceptWords('ON')
    const which = cur.next().upper === 'DELETE' ? 'onDelete' : 'onUpdate'
    if (cur.acceptWords('NO', 'ACTION')) actions[which] = 'NO ACTION'
    else if (cur.acceptWords('CASCADE')) actions[which] = 'CASCADE'
    else if (cur.acceptWords('SET', 'NULL')) actions[which] = 'SET NULL'
    else if (cur.acceptWords('SET', 'DEFAULT')) actions[which] = 'SET DEFAULT'
    else cur.fail('NO ACTION, CASCADE, SET NULL or SET DEFAULT')
  }
}

/** A default: `(expr)`, a literal, NULL, a function call such as GETDATE(), or a signed number. */
function parseDefaultExpression(cur: TokenCursor): string {
  const from = cur.pos
  if (cur.isSymbol('(')) cur.group('after DEFAULT')
  else {
    if (cur.isSymbol('-') || cur.isSymbol('+')) cur.next()
    const t = cur.next('a default value')
    if (t.kind === 'word' && cur.isSymbol('(')) cur.group(`after ${t.text}`)
    else if (t.kind === 'symbol' || t.kind === 'variable') cur.fail('a default value', t)
  }
  return cur.textBetween(from, cur.pos)
}
