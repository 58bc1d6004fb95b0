import type { Expr, Statement } from './ast.ts'
import type { ModelBuilder } from './model-builder.ts'
import { parseAdditive, parseExpression } from './parse-expression.ts'
import { procedureCall } from './parse-security.ts'
import { parseBatch } from './parse-statement.ts'
import { TokenCursor } from './token-cursor.ts'
import { tokenize } from './tsql-lexer.ts'

/** `EXEC [@ret =] proc [args]`, `EXEC ('…')`, `EXEC sp_executesql N'…'`, `EXECUTE AS …`. */
export function parseExec(cur: TokenCursor, b: ModelBuilder): Statement {
  const line = cur.line()
  cur.next()
  if (cur.acceptWords('AS')) {
    // EXECUTE AS USER = N'…' / CALLER / OWNER / SELF: impersonation for the statements that follow.
    if (cur.acceptWords('USER') || cur.acceptWords('LOGIN')) {
      cur.expectSymbol('=', 'after EXECUTE AS USER')
      parseExpression(cur)
    } else if (!['CALLER', 'OWNER', 'SELF'].some((w) => cur.acceptWords(w)))
      cur.fail('USER, LOGIN, CALLER, OWNER or SELF after EXECUTE AS')
    return { kind: 'exec', line, args: [] }
  }
  if (cur.isSymbol('(')) {
    cur.next()
    const litLine = cur.line()
    const parts = [parseAdditive(cur)]
    while (cur.acceptSymbol(',')) parts.push(parseAdditive(cur))
    cur.expectSymbol(')', 'to close EXEC (')
    if (cur.acceptWords('AS')) {
      if (!cur.acceptWords('USER')) cur.expectWords('LOGIN')
      cur.expectSymbol('=', 'after AS USER')
      parseExpression(cur)
    }
    if (cur.acceptWords('AT')) cur.identifier('a linked server')
    return { kind: 'exec', line, args: parts, ...dynamic(parts, b, litLine) }
  }
  if (cur.peek()?.kind === 'variable' && cur.isSymbol('=', 1)) cur.pos += 2
  const t = cur.peek()
  let procedure: string | undefined
  if (t?.kind === 'variable') cur.next()
  else procedure = cur.qualifiedNameText('a procedure name')
  const args: Expr[] = []
  const argLine = cur.line()
  const names: (string | undefined)[] = []
  if (!atEnd(cur)) {
    do {
      let name: string | undefined
      if (cur.peek()?.kind === 'variable' && cur.isSymbol('=', 1)) {
        name = cur.next().value.toLowerCase()
        cur.next()
      }
      if (cur.acceptWords('DEFAULT')) args.push({ kind: 'literal', text: 'DEFAULT', value: null })
      else args.push(parseArgument(cur))
      names.push(name)
      if (!cur.acceptWords('OUTPUT')) cur.acceptWords('OUT')
      cur.acceptWords('READONLY')
    } while (cur.acceptSymbol(','))
  }
  if (cur.acceptWords('WITH')) {
    while (!atEnd(cur) && !cur.isSymbol(';')) {
      if (cur.isSymbol('(')) cur.group('after WITH RESULT SETS')
      else cur.next()
    }
  }
  const node: Statement = { kind: 'exec', line, args, ...(procedure ? { procedure } : {}) }
  const name = procedure?.split('.').at(-1)?.toLowerCase()
  if (name === 'sp_executesql' && args[0]) Object.assign(node, dynamic([args[0]], b, argLine))
  else if (name) procedureCall(name, args, names, line, b)
  if (!node.dynamic && name !== 'sp_addrolemember' && name !== 'sp_droprolemember' && name !== 'sp_addtype')
    b.note(line, 'procedure calls and dynamic SQL built at run time are not run by the static engine')
  return node
}

// An argument is a constant, a variable or (in practice) a simple expression; a bare word is a string.
function parseArgument(cur: TokenCursor): Expr {
  const t = cur.peek()
  if (t?.kind === 'word' && !cur.isSymbol('(', 1) && !cur.isSymbol('.', 1)) {
    cur.next()
    return { kind: 'literal', text: t.text, value: t.value }
  }
  return parseExpression(cur)
}

function atEnd(cur: TokenCursor): boolean {
  if (cur.atEnd() || cur.isSymbol(';')) return true
  const t = cur.peek()!
  // T-SQL needs no `;`: a new statement keyword on a later line ends the argument list.
  return (
    t.kind === 'word' &&
    t.line > cur.tokens[cur.pos - 1]!.line &&
    /^(SELECT|INSERT|UPDATE|DELETE|MERGE|SET|DECLARE|IF|WHILE|BEGIN|END|EXEC|EXECUTE|RETURN|THROW|RAISERROR|PRINT|COMMIT|ROLLBACK|CREATE|ALTER|DROP|GRANT|DENY|REVOKE|ELSE|GO)$/i.test(
      t.value,
    )
  )
}

/** A string literal run as SQL: a batch of its own, so CREATE VIEW/SCHEMA may come first in it. */
function dynamic(parts: Expr[], b: ModelBuilder, tokenLine: number): { dynamic?: Statement[] } {
  const [only] = parts
  if (parts.length !== 1 || only?.kind !== 'literal' || typeof only.value !== 'string') return {}
  const inner = new TokenCursor(tokenize(only.value, tokenLine), only.value, tokenLine)
  return { dynamic: parseBatch(inner, b) }
}
