import { newTableModel } from '../schema-model.ts'
import type { Expr, Statement } from './ast.ts'
import type { ModelBuilder } from './model-builder.ts'
import { newDraft } from './parse-constraint.ts'
import { parseDataType } from './parse-data-type.ts'
import { parseExpression } from './parse-expression.ts'
import { parseQuery } from './parse-query.ts'
import { parseTableElement } from './parse-table.ts'
import type { TokenCursor } from './token-cursor.ts'

const ASSIGN = new Set(['=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^='])
const CURSOR_OPTIONS = new Set([
  'LOCAL',
  'GLOBAL',
  'FORWARD_ONLY',
  'SCROLL',
  'STATIC',
  'KEYSET',
  'DYNAMIC',
  'FAST_FORWARD',
  'READ_ONLY',
  'SCROLL_LOCKS',
  'OPTIMISTIC',
  'TYPE_WARNING',
  'INSENSITIVE',
])

/** `DECLARE @a int = 1, @t TABLE (…), c CURSOR FOR SELECT …`. */
export function parseDeclare(cur: TokenCursor, b: ModelBuilder): Statement {
  const line = cur.line()
  cur.expectWords('DECLARE')
  const variables: { name: string; type: string; value?: Expr }[] = []
  do {
    const t = cur.next('a variable name')
    if (t.kind !== 'variable') {
      // A cursor: `DECLARE name CURSOR [options] FOR select`
      if (
        (t.kind === 'word' || t.kind === 'ident') &&
        (cur.isWord('CURSOR') || cur.isWord('INSENSITIVE') || cur.isWord('SCROLL'))
      ) {
        while (!cur.isWord('CURSOR')) cur.next('CURSOR')
        cur.next()
        cursorDefinition(cur)
        variables.push({ name: t.value, type: 'cursor' })
        continue
      }
      cur.fail('a variable name starting with @', t)
    }
    cur.acceptWords('AS')
    if (cur.acceptWords('TABLE')) {
      const draft = newDraft(newTableModel('', t.value))
      cur.expectSymbol('(', `after DECLARE ${t.value} TABLE`)
      b.branch(false, () => {
        do if (!cur.isSymbol(')')) parseTableElement(cur, draft, b)
        while (cur.acceptSymbol(','))
      })
      cur.expectSymbol(')', `to close the table variable ${t.value}`)
      variables.push({ name: t.value, type: 'table' })
      continue
    }
    if (cur.acceptWords('CURSOR')) {
      variables.push({ name: t.value, type: 'cursor' })
      continue
    }
    const type = parseDataType(cur)
    const value = cur.acceptSymbol('=') ? parseExpression(cur) : undefined
    variables.push({ name: t.value, type: type.typeName, ...(value ? { value } : {}) })
  } while (cur.acceptSymbol(','))
  return { kind: 'declare', line, variables }
}

function cursorDefinition(cur: TokenCursor): void {
  while (cur.peek()?.kind === 'word' && CURSOR_OPTIONS.has(cur.peek()!.upper)) cur.next()
  cur.expectWords('FOR')
  parseQuery(cur)
  if (cur.acceptWords('FOR', 'UPDATE')) {
    if (cur.acceptWords('OF')) {
      do cur.identifier('a column name')
      while (cur.acceptSymbol(','))
    }
  }
}

/** `SET @v = expr` or a session option: `SET NOCOUNT ON`, `SET TRANSACTION ISOLATION LEVEL …`. */
export function parseSet(cur: TokenCursor): Statement {
  const line = cur.line()
  cur.expectWords('SET')
  const t = cur.peek()
  if (t?.kind === 'variable') {
    cur.next()
    if (cur.isSymbol('.')) {
      // @xml.modify('…')
      cur.next()
      cur.identifier('a method name', true)
      cur.group('the method arguments')
      return { kind: 'set', line, target: t.value }
    }
    const op = cur.next('"=" after the variable')
    if (op.kind !== 'symbol' || !ASSIGN.has(op.value)) cur.fail(`"=" after SET ${t.text}`, op)
    if (cur.acceptWords('CURSOR')) {
      cursorDefinition(cur)
      return { kind: 'set', line, target: t.value }
    }
    return { kind: 'set', line, target: t.value, value: parseExpression(cur) }
  }
  if (cur.acceptWords('TRANSACTION', 'ISOLATION', 'LEVEL')) {
    const levels = [
      ['READ', 'UNCOMMITTED'],
      ['READ', 'COMMITTED'],
      ['REPEATABLE', 'READ'],
      ['SNAPSHOT'],
      ['SERIALIZABLE'],
    ]
    if (!levels.some((l) => cur.acceptWords(...l)))
      cur.fail('READ UNCOMMITTED, READ COMMITTED, REPEATABLE READ, SNAPSHOT or SERIALIZABLE')
    return { kind: 'set', line, target: 'TRANSACTION ISOLATION LEVEL' }
  }
  if (cur.acceptWords('IDENTITY_INSERT')) {
    cur.qualifiedNameText('a table name')
    if (!cur.acceptWords('ON')) cur.expectWords('OFF')
    return { kind: 'set', line, target: 'IDENTITY_INSERT' }
  }
  const option = cur.next('a variable or a session option after SET')
  if (option.kind !== 'word') cur.fail('a variable or a session option after SET', option)
  while (cur.acceptSymbol(',')) cur.identifier('a session option', true)
  const value = cur.peek()
  if (!value || (value.kind === 'symbol' && value.value !== '-'))
    cur.fail(`ON, OFF or a value after SET ${option.text}`)
  if (value.kind === 'symbol') cur.next()
  const v = cur.next()
  if (v.kind === 'word' && option.upper === 'STATISTICS') cur.acceptWords('ON') || cur.acceptWords('OFF')
  return { kind: 'set', line, target: option.upper }
}
