import { type Expr, type Statement, walkStatements } from './ast.ts'
import { evaluateGuard } from './guard-condition.ts'
import type { ModelBuilder } from './model-builder.ts'
import { expressionList, parseExpression } from './parse-expression.ts'
import { parseStatement } from './parse-statement.ts'
import type { TokenCursor } from './token-cursor.ts'

const GUARD_HINT =
  "use IF OBJECT_ID(N'schema.name') IS NULL, IF SCHEMA_ID(N'name') IS NULL, or IF NOT EXISTS (SELECT 1 FROM sys.<catalog view> WHERE name = N'…')"

/** A statement after IF/ELSE/WHILE: one statement, which may be a BEGIN … END block. */
function body(cur: TokenCursor, b: ModelBuilder, after: string): Statement {
  while (cur.acceptSymbol(';')) {}
  if (cur.atEnd() || cur.isWord('END') || cur.isWord('ELSE')) cur.fail(`a statement after ${after}`)
  return parseStatement(cur, b, false)
}

/** `IF condition statement [ELSE statement]`, with existence guards decided against the model. */
export function parseIf(cur: TokenCursor, b: ModelBuilder): Statement {
  const line = cur.line()
  cur.expectWords('IF')
  const from = cur.pos
  const condition = parseExpression(cur)
  const holds = evaluateGuard(cur.tokens.slice(from, cur.pos), b)
  const applying = b.applying
  let then!: Statement
  b.branch(holds === true, () => {
    then = body(cur, b, 'the IF condition')
  })
  const node: Statement = { kind: 'if', line, condition, then }
  let saved = cur.pos
  while (cur.acceptSymbol(';')) saved = cur.pos
  if (cur.acceptWords('ELSE'))
    b.branch(holds === false, () => {
      node.else = body(cur, b, 'ELSE')
    })
  else cur.pos = saved
  // Only a condition that decides whether the schema changes matters to the model.
  if (holds === undefined && applying && changesModel(node.else ? [then, node.else] : [then]))
    b.issue(
      'unsupported',
      line,
      `the static grader cannot tell whether this IF condition holds; ${GUARD_HINT}`,
    )
  return node
}

const MODEL_CHANGES = new Set(['ddl', 'module', 'principal', 'permission'])

function changesModel(statements: Statement[]): boolean {
  for (const s of walkStatements(statements)) {
    if (MODEL_CHANGES.has(s.kind)) return true
    if (
      s.kind === 'exec' &&
      (s.dynamic || /^sp_(addrolemember|droprolemember|addtype)$/i.test(s.procedure?.split('.').at(-1) ?? ''))
    )
      return true
  }
  return false
}

/** `WHILE condition statement`: read, never run. */
export function parseWhile(cur: TokenCursor, b: ModelBuilder): Statement {
  const line = cur.line()
  cur.expectWords('WHILE')
  const condition = parseExpression(cur)
  b.note(line, 'a WHILE loop is not run by the static engine')
  let loop!: Statement
  b.branch(false, () => {
    loop = body(cur, b, 'the WHILE condition')
  })
  return { kind: 'while', line, condition, body: loop }
}

/** `BEGIN … END`, `BEGIN TRY … END TRY BEGIN CATCH … END CATCH`, `BEGIN TRAN[SACTION]`. */
export function parseBegin(cur: TokenCursor, b: ModelBuilder): Statement {
  const line = cur.line()
  if (cur.isWord('TRAN', 1) || cur.isWord('TRANSACTION', 1) || cur.isWord('DISTRIBUTED', 1))
    return transaction(cur)
  cur.expectWords('BEGIN')
  if (cur.acceptWords('TRY')) {
    const tryBody = block(cur, b, 'TRY', line)
    while (cur.acceptSymbol(';')) {}
    const catchLine = cur.line()
    if (!cur.acceptWords('BEGIN', 'CATCH'))
      cur.fail(`BEGIN CATCH right after the END TRY of the TRY on line ${line}`)
    let catchBody: Statement[] = []
    // A CATCH block only runs after an error, which the static engine assumes does not happen.
    b.catchDepth++
    try {
      b.branch(false, () => {
        catchBody = block(cur, b, 'CATCH', catchLine)
      })
    } finally {
      b.catchDepth--
    }
    return { kind: 'try', line, body: tryBody, catchBody, catchLine, endLine: cur.tokens[cur.pos - 1]!.line }
  }
  if (cur.isWord('CATCH')) cur.fail(`BEGIN TRY … END TRY before BEGIN CATCH`)
  if (cur.acceptWords('CONVERSATION') || cur.acceptWords('DIALOG'))
    cur.fail('TRY, TRANSACTION or a statement (Service Broker is not supported)')
  return { kind: 'block', line, body: block(cur, b, '', line) }
}

function block(cur: TokenCursor, b: ModelBuilder, kind: string, line: number): Statement[] {
  const statements: Statement[] = []
  while (!cur.isWord('END')) {
    if (cur.atEnd())
      cur.fail(`END${kind ? ` ${kind}` : ''} to close the BEGIN${kind ? ` ${kind}` : ''} on line ${line}`)
    if (!cur.acceptSymbol(';')) statements.push(parseStatement(cur, b, false))
  }
  cur.expectWords('END')
  if (kind && !cur.acceptWords(kind)) cur.fail(`END ${kind} to close the BEGIN ${kind} on line ${line}`)
  return statements
}

/** BEGIN [DISTRIBUTED] TRAN[SACTION] [name], COMMIT/ROLLBACK [TRAN[SACTION]|WORK] [name], SAVE TRAN name. */
export function transaction(cur: TokenCursor): Statement {
  const line = cur.line()
  const verb = cur.next().upper
  if (verb === 'BEGIN') cur.acceptWords('DISTRIBUTED')
  const word = cur.acceptWords('TRAN') || cur.acceptWords('TRANSACTION')
  if (!word && (verb === 'BEGIN' || verb === 'SAVE')) cur.fail(`TRANSACTION after ${verb}`)
  if (!word) cur.acceptWords('WORK')
  const t = cur.peek()
  if (
    word &&
    (t?.kind === 'variable' || t?.kind === 'ident' || (t?.kind === 'word' && !isKeywordAfterTran(cur)))
  )
    cur.next()
  if (verb === 'BEGIN' && cur.acceptWords('WITH', 'MARK')) {
    if (cur.peek()?.kind === 'string') cur.next()
  }
  if (verb === 'COMMIT' && cur.isWord('WITH') && cur.isSymbol('(', 1)) {
    cur.next()
    cur.group('after WITH')
  }
  const action =
    verb === 'BEGIN' ? 'begin' : verb === 'COMMIT' ? 'commit' : verb === 'ROLLBACK' ? 'rollback' : 'save'
  return { kind: 'transaction', line, action }
}

function isKeywordAfterTran(cur: TokenCursor): boolean {
  const w = cur.peek()?.upper ?? ''
  // A statement keyword, not a transaction name, may follow (T-SQL needs no `;`).
  return /^(SELECT|INSERT|UPDATE|DELETE|MERGE|SET|DECLARE|IF|WHILE|BEGIN|END|EXEC|EXECUTE|RETURN|THROW|RAISERROR|PRINT|COMMIT|ROLLBACK|SAVE|CREATE|ALTER|DROP|TRUNCATE|WITH|ELSE|GRANT|DENY|REVOKE|WAITFOR)$/.test(
    w,
  )
}

/** `THROW [number, message, state]` or `RAISERROR (message, severity, state [, args…]) [WITH …]`. */
export function parseRaise(cur: TokenCursor, b: ModelBuilder): Statement {
  const line = cur.line()
  if (cur.acceptWords('THROW')) {
    if (cur.atEnd() || cur.isSymbol(';') || cur.isWord('END')) {
      // SQL Server error 10704, raised when the batch compiles.
      if (b.catchDepth === 0)
        cur.fail(
          'error number, message and state after THROW: THROW without arguments is only allowed inside a CATCH block',
          cur.tokens[cur.pos - 1],
        )
      return { kind: 'throw', line, args: [] }
    }
    const args = expressionList(cur)
    if (args.length !== 3)
      cur.fail(
        `THROW with three arguments (error number, message, state), not ${args.length}`,
        cur.tokens[cur.pos - 1],
      )
    return { kind: 'throw', line, args }
  }
  cur.expectWords('RAISERROR')
  const open = cur.peek()
  cur.expectSymbol('(', "after RAISERROR (the form RAISERROR n 'text' was removed in SQL Server 2012)")
  const args = expressionList(cur)
  if (!cur.acceptSymbol(')')) cur.fail(`"," or ")" to close RAISERROR( opened on line ${open?.line}`)
  if (args.length < 3)
    cur.fail(
      `RAISERROR with at least a message, a severity and a state (found ${args.length} argument(s))`,
      open,
    )
  if (cur.acceptWords('WITH')) {
    do {
      if (!['LOG', 'NOWAIT', 'SETERROR'].some((w) => cur.acceptWords(w)))
        cur.fail('LOG, NOWAIT or SETERROR after WITH')
    } while (cur.acceptSymbol(','))
  }
  const severity = literalNumber(args[1])
  return { kind: 'raiserror', line, args, ...(severity === undefined ? {} : { severity }) }
}

function literalNumber(e: Expr | undefined): number | undefined {
  if (e?.kind === 'literal' && typeof e.value === 'number') return e.value
  if (
    e?.kind === 'unary' &&
    e.op === '-' &&
    e.operand.kind === 'literal' &&
    typeof e.operand.value === 'number'
  )
    return -e.operand.value
  return undefined
}
