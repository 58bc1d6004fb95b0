import { type IndexModel, sameName } from '../schema-model.ts'
import type { ModelBuilder } from './model-builder.ts'
import {
  keyColumnList,
  newDraft,
  parseClustering,
  skipIndexOptions,
  type TableDraft,
} from './parse-constraint.ts'
import { resolveTable } from './resolve-table.ts'
import { isStatementStart } from './statement-boundary.ts'
import type { TokenCursor } from './token-cursor.ts'

/** After `CREATE [UNIQUE] [CLUSTERED|NONCLUSTERED]`, at `INDEX`. */
export function parseCreateIndex(
  cur: TokenCursor,
  b: ModelBuilder,
  line: number,
  unique: boolean,
  clustered: boolean | undefined,
): string {
  if (cur.acceptWords('COLUMNSTORE')) {
    cur.expectWords('INDEX')
    const name = cur.identifier('an index name')
    cur.expectWords('ON')
    const target = cur.qualifiedName('the indexed table')
    if (cur.isSymbol('(')) keyColumnList(cur, 'columnstore columns')
    if (cur.acceptWords('WHERE')) skipFilter(cur)
    skipIndexOptions(cur)
    b.tableOrIssue(target.schema, target.name, target.line)
    b.unsupported(line, `the columnstore index ${name}`)
    return name
  }
  cur.expectWords('INDEX')
  const name = cur.identifier('an index name')
  cur.expectWords('ON')
  const target = cur.qualifiedName('the indexed table')
  if (b.applying && b.viewExists(target.schema, target.name)) {
    // An indexed view: the index is read, but views carry no indexes in the model.
    keyColumnList(cur, 'index key columns')
    skipIndexOptions(cur)
    b.note(
      line,
      `the index ${name} on the view ${target.schema}.${target.name} is not part of the schema model`,
    )
    return name
  }
  const index: IndexModel = {
    name,
    unique,
    clustered: clustered ?? false,
    keyColumns: keyColumnList(cur, 'index key columns'),
    include: cur.acceptWords('INCLUDE') ? cur.nameList('included columns') : [],
    source: b.at(line),
  }
  if (cur.acceptWords('WHERE')) {
    const from = cur.pos
    while (
      !cur.atEnd() &&
      !cur.isSymbol(';') &&
      !cur.isWord('WITH') &&
      !cur.isWord('ON') &&
      !isStatementStart(cur)
    ) {
      if (cur.isSymbol('(')) cur.group('in the index filter')
      else cur.next()
    }
    if (from === cur.pos) cur.fail('a filter condition after WHERE')
    index.filter = cur.textBetween(from, cur.pos)
  }
  skipIndexOptions(cur)
  const table = b.tableOrIssue(target.schema, target.name, target.line)
  if (!table) return name
  if (table.indexes.some((i) => sameName(i.name, name))) {
    b.issue('semantic', line, `${target.schema}.${target.name} already has an index named "${name}"`)
    return name
  }
  const draft = newDraft(table)
  table.indexes.push(index)
  resolveTable(draft, b)
  return name
}

function skipFilter(cur: TokenCursor): void {
  while (
    !cur.atEnd() &&
    !cur.isSymbol(';') &&
    !cur.isWord('WITH') &&
    !cur.isWord('ON') &&
    !isStatementStart(cur)
  ) {
    if (cur.isSymbol('(')) cur.group('in the index filter')
    else cur.next()
  }
}

/** `INDEX IX_Name [UNIQUE] [CLUSTERED|NONCLUSTERED] (columns) [INCLUDE (…)] [WHERE …]` inside CREATE TABLE. */
export function parseInlineIndex(cur: TokenCursor, draft: TableDraft, b: ModelBuilder): void {
  const line = cur.line()
  cur.expectWords('INDEX')
  const name = cur.identifier('an index name')
  const unique = cur.acceptWords('UNIQUE')
  const clustered = parseClustering(cur) ?? false
  if (cur.acceptWords('COLUMNSTORE')) {
    if (cur.isSymbol('(')) keyColumnList(cur, 'columnstore columns')
    skipIndexOptions(cur)
    b.unsupported(line, `the columnstore index ${name}`)
    return
  }
  if (cur.acceptWords('HASH')) b.unsupported(line, `the memory-optimized HASH index ${name}`)
  const index: IndexModel = {
    name,
    unique,
    clustered,
    keyColumns: keyColumnList(cur, 'index key columns'),
    include: cur.acceptWords('INCLUDE') ? cur.nameList('included columns') : [],
    source: b.at(line),
  }
  if (cur.acceptWords('WHERE')) {
    const from = cur.pos
    while (!cur.atEnd() && !cur.isSymbol(',') && !cur.isSymbol(')')) {
      if (cur.isSymbol('(')) cur.group('in the index filter')
      else cur.next()
    }
    index.filter = cur.textBetween(from, cur.pos)
  }
  skipIndexOptions(cur)
  draft.table.indexes.push(index)
}
