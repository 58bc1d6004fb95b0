import type { Expr } from './ast.ts'
import { parseDataType } from './parse-data-type.ts'
import { parseQuery } from './parse-query.ts'
import { RESERVED_WORDS } from './reserved-words.ts'
import type { TokenCursor } from './token-cursor.ts'

const COMPARISONS = new Set(['=', '<>', '!=', '<', '>', '<=', '>=', '!<', '!>'])
const ADDITIVE = new Set(['+', '-', '&', '|', '^'])
const MULTIPLICATIVE = new Set(['*', '/', '%'])
// Reserved words that are also functions: LEFT(x, 3), COALESCE(…), CONVERT(…).
const RESERVED_FUNCTIONS = new Set([
  'LEFT',
  'RIGHT',
  'COALESCE',
  'CONVERT',
  'NULLIF',
  'TRY_CONVERT',
  'USER',
  'IDENTITY',
  'CURRENT_TIMESTAMP',
  'CURRENT_USER',
  'SESSION_USER',
  'SYSTEM_USER',
  'CURRENT_DATE',
  'UPDATE',
])
const NILADIC = new Set(['CURRENT_TIMESTAMP', 'CURRENT_USER', 'SESSION_USER', 'SYSTEM_USER', 'USER'])

/** A full boolean or scalar expression (OR binds loosest). */
export function parseExpression(cur: TokenCursor): Expr {
  let left = parseAnd(cur)
  while (cur.acceptWords('OR')) left = { kind: 'binary', op: 'OR', left, right: parseAnd(cur) }
  return left
}

function parseAnd(cur: TokenCursor): Expr {
  let left = parseNot(cur)
  while (cur.acceptWords('AND')) left = { kind: 'binary', op: 'AND', left, right: parseNot(cur) }
  return left
}

function parseNot(cur: TokenCursor): Expr {
  if (cur.acceptWords('NOT')) return { kind: 'unary', op: 'NOT', operand: parseNot(cur) }
  return parsePredicate(cur)
}

function parsePredicate(cur: TokenCursor): Expr {
  if (cur.acceptWords('EXISTS')) {
    cur.expectSymbol('(', 'after EXISTS')
    const query = parseQuery(cur)
    cur.expectSymbol(')', 'to close EXISTS (')
    return { kind: 'exists', query }
  }
  const operand = parseAdditive(cur)
  const t = cur.peek()
  if (t?.kind === 'symbol' && COMPARISONS.has(t.value)) {
    cur.next()
    // `x = ANY (subquery)`, `x > ALL (…)`
    if (cur.acceptWords('ANY') || cur.acceptWords('ALL') || cur.acceptWords('SOME')) {
      cur.expectSymbol('(', 'after ANY/ALL')
      const query = parseQuery(cur)
      cur.expectSymbol(')', 'to close the subquery')
      return { kind: 'binary', op: t.value, left: operand, right: { kind: 'subquery', query } }
    }
    return { kind: 'binary', op: t.value, left: operand, right: parseAdditive(cur) }
  }
  if (cur.acceptWords('IS')) {
    const negated = cur.acceptWords('NOT')
    cur.expectWords('NULL')
    return { kind: 'is-null', operand, negated }
  }
  const negated = cur.acceptWords('NOT')
  if (cur.acceptWords('IN')) {
    cur.expectSymbol('(', 'after IN')
    if (cur.isWord('SELECT') || cur.isWord('WITH')) {
      const query = parseQuery(cur)
      cur.expectSymbol(')', 'to close IN (')
      return { kind: 'in', operand, list: query, negated }
    }
    const list = expressionList(cur)
    cur.expectSymbol(')', 'or "," in the IN list')
    return { kind: 'in', operand, list, negated }
  }
  if (cur.acceptWords('BETWEEN')) {
    const low = parseAdditive(cur)
    cur.expectWords('AND')
    return { kind: 'between', operand, low, high: parseAdditive(cur), negated }
  }
  if (cur.acceptWords('LIKE')) {
    const pattern = parseAdditive(cur)
    if (cur.acceptWords('ESCAPE')) parseAdditive(cur)
    return { kind: 'like', operand, pattern, negated }
  }
  if (negated) cur.fail('IN, BETWEEN or LIKE after NOT')
  return operand
}

/** `+ - & | ^` over `* / %` over unary minus. */
export function parseAdditive(cur: TokenCursor): Expr {
  let left = parseMultiplicative(cur)
  for (;;) {
    const t = cur.peek()
    if (t?.kind !== 'symbol' || !ADDITIVE.has(t.value)) return left
    cur.next()
    left = { kind: 'binary', op: t.value, left, right: parseMultiplicative(cur) }
  }
}

function parseMultiplicative(cur: TokenCursor): Expr {
  let left = parseUnary(cur)
  for (;;) {
    const t = cur.peek()
    if (t?.kind !== 'symbol' || !MULTIPLICATIVE.has(t.value)) return left
    cur.next()
    left = { kind: 'binary', op: t.value, left, right: parseUnary(cur) }
  }
}

function parseUnary(cur: TokenCursor): Expr {
  for (const op of ['-', '+', '~'])
    if (cur.acceptSymbol(op)) return { kind: 'unary', op, operand: parseUnary(cur) }
  let expr = parsePrimary(cur)
  for (;;) {
    if (cur.acceptWords('COLLATE')) cur.identifier('a collation name', true)
    else if (cur.isWord('AT') && cur.isWord('TIME', 1)) {
      cur.expectWords('AT', 'TIME', 'ZONE')
      parsePrimary(cur)
    } else if (cur.isSymbol('.') && cur.peek(1)?.kind === 'word' && cur.isSymbol('(', 2)) {
      // xml and CLR methods: @x.value('…', 'int'), Col.ToString()
      cur.next()
      const name = cur.next().value
      expr = { kind: 'call', name, args: [expr, ...callArguments(cur, name)] }
    } else return expr
  }
}

function parsePrimary(cur: TokenCursor): Expr {
  const t = cur.peek()
  if (!t) cur.fail('an expression')
  if (t.kind === 'number') {
    cur.next()
    return { kind: 'literal', text: t.text, value: Number(t.value) }
  }
  if (t.kind === 'string') {
    cur.next()
    return { kind: 'literal', text: t.text, value: t.value }
  }
  if (t.kind === 'variable') {
    cur.next()
    return { kind: 'variable', name: t.value }
  }
  if (t.kind === 'symbol') {
    if (t.value === '(') {
      cur.next()
      if (cur.isWord('SELECT') || cur.isWord('WITH')) {
        const query = parseQuery(cur)
        cur.expectSymbol(')', 'to close the subquery')
        return { kind: 'subquery', query }
      }
      const inner = parseExpression(cur)
      cur.expectSymbol(')', `to close the "(" opened on line ${t.line}`)
      return inner
    }
    if (t.value === '$' && cur.peek(1)?.kind === 'word') {
      // $action in MERGE … OUTPUT, $IDENTITY, $ROWGUID
      cur.pos += 2
      return { kind: 'column', parts: [`$${cur.tokens[cur.pos - 1]!.value}`] }
    }
    if (t.value === '*') {
      cur.next()
      return { kind: 'star' }
    }
    cur.fail('an expression')
  }
  const upper = t.kind === 'word' ? t.upper : ''
  if (upper === 'NULL') {
    cur.next()
    return { kind: 'literal', text: 'NULL', value: null }
  }
  if (upper === 'CASE') return parseCase(cur)
  if ((upper === 'CAST' || upper === 'TRY_CAST') && cur.isSymbol('(', 1)) {
    cur.pos += 2
    const operand = parseExpression(cur)
    cur.expectWords('AS')
    const type = parseDataType(cur)
    cur.expectSymbol(')', `to close ${upper}(`)
    return { kind: 'cast', operand, type: type.typeName }
  }
  if ((upper === 'CONVERT' || upper === 'TRY_CONVERT') && cur.isSymbol('(', 1)) {
    cur.pos += 2
    const type = parseDataType(cur)
    cur.expectSymbol(',', `after the type in ${upper}(`)
    const operand = parseExpression(cur)
    if (cur.acceptSymbol(',')) parseExpression(cur)
    cur.expectSymbol(')', `to close ${upper}(`)
    return { kind: 'cast', operand, type: type.typeName }
  }
  if (upper === 'NEXT' && cur.isWord('VALUE', 1)) {
    cur.expectWords('NEXT', 'VALUE', 'FOR')
    const name = cur.qualifiedName('a sequence name')
    return {
      kind: 'call',
      name: 'NEXT VALUE FOR',
      args: [{ kind: 'column', parts: [name.schema, name.name] }],
    }
  }
  if (t.kind === 'word' && RESERVED_WORDS.has(upper)) {
    if (RESERVED_FUNCTIONS.has(upper) && cur.isSymbol('(', 1)) {
      cur.next()
      return { kind: 'call', name: upper, args: callArguments(cur, upper) }
    }
    if (NILADIC.has(upper)) {
      cur.next()
      return { kind: 'call', name: upper, args: [] }
    }
    cur.fail('an expression')
  }
  // A column, a multi-part name, or a function call (dbo.fn(…), SCOPE_IDENTITY()).
  const parts = [cur.identifier('an expression', true)]
  while (cur.isSymbol('.') && !cur.isSymbol('(', 2)) {
    cur.next()
    if (cur.acceptSymbol('*')) return { kind: 'star', qualifier: parts.join('.') }
    parts.push(cur.identifier('a name after "."', true))
  }
  if (cur.isSymbol('.') && cur.isSymbol('(', 2)) {
    cur.next()
    parts.push(cur.identifier('a function name', true))
  }
  if (cur.isSymbol('::')) {
    // geography::Point(…), a static method of a CLR type
    cur.next()
    parts.push(cur.identifier('a method name', true))
  }
  if (cur.isSymbol('(')) {
    const name = parts.join('.')
    const args = callArguments(cur, name)
    parseOver(cur)
    return { kind: 'call', name, args }
  }
  return { kind: 'column', parts }
}

/** `( [DISTINCT] a, b )` or `(*)`; the cursor is at the "(". */
function callArguments(cur: TokenCursor, name: string): Expr[] {
  const open = cur.peek()
  cur.expectSymbol('(', `after ${name}`)
  if (cur.acceptSymbol(')')) return []
  if (cur.isSymbol('*') && cur.isSymbol(')', 1)) {
    cur.pos += 2
    return [{ kind: 'star' }]
  }
  if (!cur.acceptWords('DISTINCT')) cur.acceptWords('ALL')
  const args = expressionList(cur)
  if (!cur.acceptSymbol(')')) cur.fail(`"," or ")" to close ${name}( opened on line ${open?.line}`)
  // STRING_AGG(…) WITHIN GROUP (ORDER BY …)
  if (cur.acceptWords('WITHIN', 'GROUP')) cur.group('after WITHIN GROUP')
  return args
}

/** `OVER ( [PARTITION BY …] [ORDER BY …] [ROWS …] )` after a window function. */
function parseOver(cur: TokenCursor): void {
  if (!cur.acceptWords('OVER')) return
  cur.group('after OVER')
}

/** `a, b, c` */
export function expressionList(cur: TokenCursor): Expr[] {
  const list = [parseExpression(cur)]
  while (cur.acceptSymbol(',')) list.push(parseExpression(cur))
  return list
}

function parseCase(cur: TokenCursor): Expr {
  const line = cur.line()
  cur.expectWords('CASE')
  const operand = cur.isWord('WHEN') ? undefined : parseExpression(cur)
  const whens: { when: Expr; result: Expr }[] = []
  while (cur.acceptWords('WHEN')) {
    const when = parseExpression(cur)
    cur.expectWords('THEN')
    whens.push({ when, result: parseExpression(cur) })
  }
  if (whens.length === 0) cur.fail('WHEN after CASE')
  const elseExpr = cur.acceptWords('ELSE') ? parseExpression(cur) : undefined
  if (!cur.acceptWords('END')) cur.fail(`END to close the CASE on line ${line}`)
  return { kind: 'case', ...(operand ? { operand } : {}), whens, ...(elseExpr ? { else: elseExpr } : {}) }
}
