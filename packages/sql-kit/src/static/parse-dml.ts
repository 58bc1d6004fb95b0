import type { Expr, Query, Statement } from './ast.ts'
import { expressionList, parseExpression } from './parse-expression.ts'
import { optionalAlias, parseQuery, tableSources, valuesRows } from './parse-query.ts'
import type { TokenCursor } from './token-cursor.ts'

type DataChange = Extract<Statement, { kind: 'insert' | 'update' | 'delete' | 'merge' | 'truncate' }>

/** INSERT, UPDATE, DELETE, MERGE or TRUNCATE TABLE at the cursor (after any WITH … CTEs). */
export function parseDataChange(cur: TokenCursor): DataChange {
  const line = cur.line()
  const verb = cur.next('INSERT, UPDATE, DELETE or MERGE').upper
  if (verb === 'TRUNCATE') {
    cur.expectWords('TABLE')
    return { kind: 'truncate', line, target: cur.qualifiedNameText('a table name') }
  }
  top(cur)
  if (verb === 'INSERT') return parseInsert(cur, line)
  if (verb === 'UPDATE') return parseUpdate(cur, line)
  if (verb === 'DELETE') return parseDelete(cur, line)
  if (verb === 'MERGE') return parseMerge(cur, line)
  return cur.fail('INSERT, UPDATE, DELETE or MERGE', cur.tokens[cur.pos - 1])
}

function top(cur: TokenCursor): void {
  if (!cur.acceptWords('TOP')) return
  cur.group('after TOP')
  cur.acceptWords('PERCENT')
}

function target(cur: TokenCursor): string {
  const t = cur.peek()
  if (t?.kind === 'variable') {
    cur.next()
    return t.value
  }
  const name = cur.qualifiedNameText('a table name')
  if (cur.isWord('WITH') && cur.isSymbol('(', 1)) {
    cur.next()
    cur.group('table hints')
  }
  return name
}

function parseInsert(cur: TokenCursor, line: number): DataChange {
  cur.acceptWords('INTO')
  const name = target(cur)
  if (cur.isSymbol('(')) cur.nameList('column list of the INSERT')
  output(cur)
  if (cur.acceptWords('DEFAULT', 'VALUES')) return { kind: 'insert', line, target: name }
  if (cur.acceptWords('VALUES')) return { kind: 'insert', line, target: name, rows: valuesRows(cur) }
  if (cur.isWord('EXEC') || cur.isWord('EXECUTE')) {
    cur.next()
    if (cur.isSymbol('(')) cur.group('after EXEC')
    else {
      cur.qualifiedNameText('a procedure name')
      if (!atStatementEnd(cur)) expressionList(cur)
    }
    return { kind: 'insert', line, target: name }
  }
  if (cur.isWord('SELECT') || cur.isWord('WITH') || cur.isSymbol('('))
    return { kind: 'insert', line, target: name, query: parseQuery(cur) }
  return cur.fail('VALUES, SELECT, EXEC or DEFAULT VALUES in the INSERT')
}

function atStatementEnd(cur: TokenCursor): boolean {
  return cur.atEnd() || cur.isSymbol(';')
}

function parseUpdate(cur: TokenCursor, line: number): DataChange {
  const name = target(cur)
  cur.expectWords('SET')
  assignments(cur)
  output(cur)
  const from = cur.acceptWords('FROM') ? tableSources(cur) : []
  const where = whereClause(cur)
  option(cur)
  const query: Query = emptyQuery(from, where)
  return { kind: 'update', line, target: name, query }
}

/** `col = expr`, `@v = col = expr`, `col += expr`, `Col.Method(…)`, comma-separated. */
export function assignments(cur: TokenCursor): void {
  do {
    const t = cur.peek()
    if (t?.kind === 'variable') cur.next()
    else {
      cur.qualifiedNameText('a column to set')
      if (cur.isSymbol('(')) {
        cur.group('the method call')
        continue
      }
    }
    const op = cur.next('"=" in the SET list')
    if (op.kind !== 'symbol' || !['=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^='].includes(op.value))
      cur.fail('"=" in the SET list', op)
    // `@v = Col = expr`
    if (cur.peek()?.kind !== 'variable' && cur.isSymbol('=', 1) && cur.peek()?.kind !== 'string') {
      cur.next()
      cur.next()
    }
    parseExpression(cur)
  } while (cur.acceptSymbol(','))
}

function parseDelete(cur: TokenCursor, line: number): DataChange {
  cur.acceptWords('FROM')
  const name = target(cur)
  optionalAlias(cur)
  output(cur)
  const from = cur.acceptWords('FROM') ? tableSources(cur) : []
  const where = whereClause(cur)
  option(cur)
  return { kind: 'delete', line, target: name, query: emptyQuery(from, where) }
}

function whereClause(cur: TokenCursor): Expr | undefined {
  if (!cur.acceptWords('WHERE')) return undefined
  if (cur.acceptWords('CURRENT', 'OF')) {
    cur.acceptWords('GLOBAL')
    cur.next('a cursor name')
    return undefined
  }
  return parseExpression(cur)
}

function option(cur: TokenCursor): void {
  if (cur.acceptWords('OPTION')) cur.group('after OPTION')
}

function parseMerge(cur: TokenCursor, line: number): DataChange {
  cur.acceptWords('INTO')
  const name = target(cur)
  optionalAlias(cur)
  cur.expectWords('USING')
  const source = tableSources(cur)
  cur.expectWords('ON')
  const on = parseExpression(cur)
  let whens = 0
  while (cur.acceptWords('WHEN')) {
    whens++
    const not = cur.acceptWords('NOT')
    cur.expectWords('MATCHED')
    if (cur.acceptWords('BY')) {
      if (!cur.acceptWords('TARGET')) cur.expectWords('SOURCE')
    }
    if (cur.acceptWords('AND')) parseExpression(cur)
    cur.expectWords('THEN')
    if (cur.acceptWords('UPDATE')) {
      cur.expectWords('SET')
      assignments(cur)
    } else if (cur.acceptWords('DELETE')) {
    } else if (not && cur.acceptWords('INSERT')) {
      if (cur.isSymbol('(')) cur.nameList('inserted columns')
      if (!cur.acceptWords('DEFAULT', 'VALUES')) {
        cur.expectWords('VALUES')
        cur.expectSymbol('(', 'after VALUES')
        expressionList(cur)
        cur.expectSymbol(')', 'to close VALUES (')
      }
    } else cur.fail(not ? 'INSERT after THEN' : 'UPDATE or DELETE after THEN')
  }
  if (whens === 0) cur.fail('WHEN MATCHED or WHEN NOT MATCHED in the MERGE')
  output(cur)
  option(cur)
  // SQL Server insists on the `;` that ends a MERGE.
  if (!cur.isSymbol(';')) cur.fail('";" to end the MERGE statement (SQL Server requires it)')
  return { kind: 'merge', line, target: name, query: emptyQuery(source, on) }
}

/** `OUTPUT inserted.X, deleted.Y [INTO @t [(cols)]]` */
function output(cur: TokenCursor): void {
  if (!cur.acceptWords('OUTPUT')) return
  do {
    parseExpression(cur)
    optionalAlias(cur, true)
  } while (cur.acceptSymbol(','))
  if (cur.acceptWords('INTO')) {
    target(cur)
    if (cur.isSymbol('(')) cur.nameList('OUTPUT INTO columns')
    if (cur.acceptWords('OUTPUT')) {
      do {
        parseExpression(cur)
        optionalAlias(cur, true)
      } while (cur.acceptSymbol(','))
    }
  }
}

function emptyQuery(from: Query['from'], where: Expr | undefined): Query {
  return {
    ctes: [],
    items: [],
    from,
    ...(where ? { where } : {}),
    groupBy: [],
    orderBy: [],
    setOperations: [],
  }
}
