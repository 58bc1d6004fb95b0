import type { Expr, Query, SelectItem, TableRef } from './ast.ts'
import { expressionList, parseAdditive as parseAdditiveOnly, parseExpression } from './parse-expression.ts'
import { RESERVED_WORDS } from './reserved-words.ts'
import type { TokenCursor } from './token-cursor.ts'

const JOIN_WORDS = ['JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'CROSS', 'OUTER']
// Words after a table or select item that end it rather than name an alias (T-SQL needs no `;`).
const NOT_ALIAS = new Set(['OUTPUT', 'OPTION', 'PIVOT', 'UNPIVOT', 'WINDOW'])

/** `WITH a AS (…), b AS (…)`: the CTE names, or none. The cursor may be at WITH. */
export function parseCtes(cur: TokenCursor): string[] {
  if (!cur.isWord('WITH') || cur.isSymbol('(', 1)) return []
  cur.expectWords('WITH')
  const names: string[] = []
  do {
    names.push(cur.identifier('a common table expression name'))
    if (cur.isSymbol('(')) cur.nameList('CTE columns')
    cur.expectWords('AS')
    cur.expectSymbol('(', 'after AS in the WITH clause')
    parseQuery(cur)
    cur.expectSymbol(')', 'to close the common table expression')
  } while (cur.acceptSymbol(','))
  return names
}

/** A query: `[WITH …] SELECT … [UNION|EXCEPT|INTERSECT SELECT …] [ORDER BY …]`. */
export function parseQuery(cur: TokenCursor): Query {
  const ctes = parseCtes(cur)
  const query = parseSelectCore(cur)
  query.ctes = ctes
  for (;;) {
    const op = cur.acceptWords('UNION', 'ALL')
      ? 'UNION ALL'
      : cur.acceptWords('UNION')
        ? 'UNION'
        : cur.acceptWords('EXCEPT')
          ? 'EXCEPT'
          : cur.acceptWords('INTERSECT')
            ? 'INTERSECT'
            : ''
    if (!op) break
    const right = cur.isSymbol('(') ? parenthesised(cur) : parseSelectCore(cur)
    query.setOperations.push({ op, query: right })
  }
  if (cur.acceptWords('ORDER', 'BY')) {
    query.orderBy = orderList(cur)
    if (cur.acceptWords('OFFSET')) {
      parseExpression(cur)
      if (!cur.acceptWords('ROWS')) cur.expectWords('ROW')
      if (cur.acceptWords('FETCH')) {
        if (!cur.acceptWords('NEXT')) cur.expectWords('FIRST')
        parseExpression(cur)
        if (!cur.acceptWords('ROWS')) cur.expectWords('ROW')
        cur.expectWords('ONLY')
      }
    }
  }
  if (cur.acceptWords('FOR')) {
    if (!cur.acceptWords('XML') && !cur.acceptWords('JSON') && !cur.acceptWords('BROWSE'))
      cur.fail('XML, JSON or BROWSE after FOR')
    while (cur.peek()?.kind === 'word' && !isClauseEnd(cur)) {
      cur.next()
      if (cur.isSymbol('(')) cur.group('in FOR XML/JSON')
      cur.acceptSymbol(',')
    }
  }
  if (cur.acceptWords('OPTION')) cur.group('after OPTION')
  return query
}

function parenthesised(cur: TokenCursor): Query {
  cur.expectSymbol('(', '')
  const q = parseQuery(cur)
  cur.expectSymbol(')', 'to close the query')
  return q
}

function isClauseEnd(cur: TokenCursor): boolean {
  return ['OPTION', 'UNION', 'EXCEPT', 'INTERSECT'].some((w) => cur.isWord(w))
}

function parseSelectCore(cur: TokenCursor): Query {
  if (cur.isSymbol('(')) return parenthesised(cur)
  cur.expectWords('SELECT')
  if (!cur.acceptWords('DISTINCT')) cur.acceptWords('ALL')
  if (cur.acceptWords('TOP')) {
    if (cur.isSymbol('(')) cur.group('after TOP')
    else if (cur.peek()?.kind === 'number') cur.next()
    else cur.fail('a number or (expression) after TOP')
    cur.acceptWords('PERCENT')
    cur.acceptWords('WITH', 'TIES')
  }
  const query: Query = { ctes: [], items: [], from: [], groupBy: [], orderBy: [], setOperations: [] }
  do query.items.push(selectItem(cur))
  while (cur.acceptSymbol(','))
  if (cur.acceptWords('INTO')) query.into = cur.qualifiedNameText('a table name after INTO')
  if (cur.acceptWords('FROM')) query.from = tableSources(cur)
  if (cur.acceptWords('WHERE')) query.where = parseExpression(cur)
  if (cur.acceptWords('GROUP', 'BY')) {
    cur.acceptWords('ALL')
    query.groupBy = expressionList(cur)
  }
  if (cur.acceptWords('HAVING')) query.having = parseExpression(cur)
  return query
}

function selectItem(cur: TokenCursor): SelectItem {
  // `Name = expr` (not `@v = expr`, which assigns, nor a comparison)
  const t = cur.peek()
  if ((t?.kind === 'word' || t?.kind === 'ident' || t?.kind === 'string') && cur.isSymbol('=', 1)) {
    if (t.kind !== 'word' || !RESERVED_WORDS.has(t.upper)) {
      cur.pos += 2
      return { expr: parseExpression(cur), name: t.value }
    }
  }
  if (t?.kind === 'variable' && cur.peek(1)?.kind === 'symbol' && /^[-+*/]?=$/.test(cur.peek(1)!.value)) {
    cur.pos += 2
    return { expr: parseExpression(cur), name: t.value }
  }
  const expr = parseExpression(cur)
  const alias = optionalAlias(cur, true)
  if (alias) return { expr, name: alias }
  if (expr.kind === 'column') return { expr, name: expr.parts.at(-1)! }
  return { expr }
}

/** `[AS] alias` after a select item or table; strings are allowed as column aliases. */
export function optionalAlias(cur: TokenCursor, column = false): string | undefined {
  if (cur.acceptWords('AS')) {
    const t = cur.peek()
    if (column && t?.kind === 'string') {
      cur.next()
      return t.value
    }
    return cur.identifier('an alias')
  }
  const t = cur.peek()
  if (t?.kind === 'ident' || (column && t?.kind === 'string')) {
    cur.next()
    return t.value
  }
  if (t?.kind === 'word' && !RESERVED_WORDS.has(t.upper) && !NOT_ALIAS.has(t.upper)) {
    cur.next()
    return t.value
  }
  return undefined
}

/** The FROM list: tables, derived tables, functions, joins and APPLY. */
export function tableSources(cur: TokenCursor): TableRef[] {
  const refs = [tableSource(cur)]
  for (;;) {
    if (cur.acceptSymbol(',')) {
      refs.push(tableSource(cur))
      continue
    }
    const join = joinKind(cur)
    if (!join) return refs
    const ref = tableSource(cur)
    ref.join = join
    if (!join.startsWith('CROSS') && !join.endsWith('APPLY')) {
      cur.expectWords('ON')
      ref.on = parseExpression(cur)
    }
    refs.push(ref)
  }
}

function joinKind(cur: TokenCursor): string | undefined {
  if (cur.acceptWords('CROSS', 'APPLY')) return 'CROSS APPLY'
  if (cur.acceptWords('OUTER', 'APPLY')) return 'OUTER APPLY'
  if (!JOIN_WORDS.some((w) => cur.isWord(w))) return undefined
  const words: string[] = []
  while (!cur.isWord('JOIN')) {
    const w = cur.next('JOIN').upper
    if (!JOIN_WORDS.includes(w) && !['LOOP', 'HASH', 'MERGE', 'REMOTE'].includes(w)) cur.fail('JOIN')
    words.push(w)
  }
  cur.expectWords('JOIN')
  return [...words, 'JOIN'].join(' ')
}

function tableSource(cur: TokenCursor): TableRef {
  if (cur.isSymbol('(')) {
    cur.next()
    if (cur.isWord('VALUES')) {
      cur.next()
      valuesRows(cur)
      cur.expectSymbol(')', 'to close the VALUES table')
      const alias = optionalAlias(cur)
      if (cur.isSymbol('(')) cur.nameList('column aliases')
      return alias ? { alias } : {}
    }
    const query = parseQuery(cur)
    cur.expectSymbol(')', 'to close the derived table')
    const alias = optionalAlias(cur)
    if (cur.isSymbol('(')) cur.nameList('column aliases')
    return alias ? { query, alias } : { query }
  }
  const t = cur.peek()
  let name: string
  if (t?.kind === 'variable') {
    cur.next()
    name = t.value
  } else name = cur.qualifiedNameText('a table name')
  if (cur.isSymbol('(')) cur.group(`after ${name}`) // a table-valued function's arguments
  if (cur.acceptWords('FOR', 'SYSTEM_TIME')) systemTime(cur)
  const alias = optionalAlias(cur)
  if (cur.isWord('WITH') && cur.isSymbol('(', 1)) {
    cur.next()
    cur.group('table hints')
  }
  if (cur.isWord('PIVOT') || cur.isWord('UNPIVOT')) {
    cur.next()
    cur.group('after PIVOT')
    optionalAlias(cur)
  }
  return alias ? { name, alias } : { name }
}

/** After `FOR SYSTEM_TIME` on a temporal table: AS OF, FROM … TO, BETWEEN … AND, CONTAINED IN, ALL. */
function systemTime(cur: TokenCursor): void {
  if (cur.acceptWords('ALL')) return
  if (cur.acceptWords('AS', 'OF')) parseExpression(cur)
  else if (cur.acceptWords('FROM')) {
    parseExpression(cur)
    cur.expectWords('TO')
    parseExpression(cur)
  } else if (cur.acceptWords('BETWEEN')) {
    parseAdditiveOnly(cur)
    cur.expectWords('AND')
    parseExpression(cur)
  } else if (cur.acceptWords('CONTAINED', 'IN')) cur.group('after CONTAINED IN')
  else cur.fail('AS OF, FROM, BETWEEN, CONTAINED IN or ALL after FOR SYSTEM_TIME')
}

/** `(a, b), (c, d)` after VALUES; every row must have as many values as the first. */
export function valuesRows(cur: TokenCursor): Expr[][] {
  const rows: Expr[][] = []
  do {
    const open = cur.peek()
    cur.expectSymbol('(', 'before the row of values')
    const row = expressionList(cur)
    if (!cur.acceptSymbol(')')) cur.fail(`"," or ")" in the row of values opened on line ${open?.line}`)
    if (rows[0] && rows[0].length !== row.length)
      cur.fail(
        `a row of ${rows[0].length} values like the first one (this row on line ${open?.line} has ${row.length})`,
        open,
      )
    rows.push(row)
  } while (cur.acceptSymbol(','))
  return rows
}

function orderList(cur: TokenCursor): Expr[] {
  const list: Expr[] = []
  do {
    list.push(parseExpression(cur))
    if (!cur.acceptWords('ASC')) cur.acceptWords('DESC')
  } while (cur.acceptSymbol(','))
  return list
}
