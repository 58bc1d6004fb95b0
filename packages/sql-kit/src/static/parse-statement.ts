import type { Statement } from './ast.ts'
import { forbiddenStatement } from './forbidden-statements.ts'
import type { ModelBuilder } from './model-builder.ts'
import { OBJECT_KINDS, STATEMENT_WORDS } from './object-kinds.ts'
import { parseAlter } from './parse-alter.ts'
import { parseBegin, parseIf, parseRaise, parseWhile, transaction } from './parse-control-flow.ts'
import { parseCreate } from './parse-create.ts'
import { parseDataChange } from './parse-dml.ts'
import { parseDrop } from './parse-drop.ts'
import { parseExec } from './parse-exec.ts'
import { parseExpression } from './parse-expression.ts'
import { parseModule } from './parse-module.ts'
import { parseCtes, parseQuery } from './parse-query.ts'
import { parsePermission } from './parse-security.ts'
import { parseDeclare, parseSet } from './parse-variables.ts'
import { isStatementStart, skipStatement } from './statement-boundary.ts'
import { closestWord } from './suggest-keyword.ts'
import type { TokenCursor } from './token-cursor.ts'

const MODULES = {
  VIEW: 'VIEW',
  PROC: 'PROCEDURE',
  PROCEDURE: 'PROCEDURE',
  FUNCTION: 'FUNCTION',
  TRIGGER: 'TRIGGER',
} as const
const DML = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'TRUNCATE'])

/** Reads every statement of one batch (T-SQL needs no `;` between statements). */
export function parseBatch(cur: TokenCursor, b: ModelBuilder): Statement[] {
  const statements: Statement[] = []
  let first = true
  while (!cur.atEnd()) {
    if (cur.acceptSymbol(';')) continue
    if (cur.isWord('END') || cur.isWord('ELSE'))
      cur.fail('a statement (this END or ELSE has no matching BEGIN or IF)')
    statements.push(parseStatement(cur, b, first))
    first = false
  }
  return statements
}

/** One statement, of any family; DDL is applied to the model as it is read. */
export function parseStatement(cur: TokenCursor, b: ModelBuilder, firstInBatch: boolean): Statement {
  const start = cur.pos
  const head = cur.peek()
  if (!head) return cur.fail('a statement')
  const line = head.line
  const keyword = head.kind === 'word' ? head.upper : ''
  const forbidden = forbiddenStatement(cur)
  if (forbidden) {
    b.issue('not-allowed', line, forbidden)
    skipStatement(cur)
    return { kind: 'skipped', line, verb: keyword }
  }
  // A label: `retry:`
  if ((head.kind === 'word' || head.kind === 'ident') && cur.isSymbol(':', 1) && !cur.isSymbol(':', 2)) {
    cur.pos += 2
    return { kind: 'label', line }
  }
  if (keyword === 'CREATE' || keyword === 'ALTER') {
    cur.next()
    const orAlter = keyword === 'CREATE' && cur.acceptWords('OR', 'ALTER')
    const module = MODULES[(cur.peek()?.upper ?? '') as keyof typeof MODULES]
    if (module && cur.peek()?.kind === 'word') {
      cur.next()
      const mode = orAlter ? 'create-or-alter' : keyword === 'ALTER' ? 'alter' : 'create'
      return parseModule(cur, b, module, mode, start, firstInBatch)
    }
    if (orAlter) cur.fail('VIEW, PROCEDURE, FUNCTION or TRIGGER after CREATE OR ALTER')
    expectObjectKind(cur, keyword)
    return keyword === 'ALTER' ? parseAlter(cur, b, line) : parseCreate(cur, b, line, firstInBatch)
  }
  if (keyword === 'DROP') {
    cur.next()
    expectObjectKind(cur, keyword)
    return parseDrop(cur, b, line)
  }
  if (keyword === 'IF') return parseIf(cur, b)
  if (keyword === 'WHILE') return parseWhile(cur, b)
  if (keyword === 'BEGIN') return parseBegin(cur, b)
  if (keyword === 'COMMIT' || keyword === 'ROLLBACK' || keyword === 'SAVE') return transaction(cur)
  if (keyword === 'THROW' || keyword === 'RAISERROR') return parseRaise(cur, b)
  if (keyword === 'EXEC' || keyword === 'EXECUTE') return parseExec(cur, b)
  if (keyword === 'DECLARE') return parseDeclare(cur, b)
  if (keyword === 'SET') return parseSet(cur)
  if (keyword === 'GRANT' || keyword === 'DENY' || keyword === 'REVOKE') return parsePermission(cur, b)
  if (keyword === 'SELECT' || keyword === 'WITH' || (head.kind === 'symbol' && head.value === '(')) {
    const ctes = parseCtes(cur)
    if (cur.isWord('SELECT') || cur.isSymbol('(')) {
      const query = parseQuery(cur)
      query.ctes = ctes
      if (query.into) b.insertedInto(query.into, line)
      b.note(line, 'SELECT statements are not run by the static engine')
      return { kind: 'select', line, query }
    }
    if (!DML.has(cur.peek()?.upper ?? ''))
      cur.fail('SELECT, INSERT, UPDATE, DELETE or MERGE after the WITH clause')
  }
  if (cur.isWord('UPDATE') && cur.isWord('STATISTICS', 1)) {
    skipStatement(cur)
    return { kind: 'skipped', line, verb: 'UPDATE STATISTICS' }
  }
  if (DML.has(cur.peek()?.upper ?? '')) {
    const change = parseDataChange(cur)
    b.dataChange(change)
    b.note(line, `${change.kind.toUpperCase()} statements are not run by the static engine`)
    return change
  }
  return parseSimple(cur, b, keyword, line)
}

function parseSimple(cur: TokenCursor, b: ModelBuilder, keyword: string, line: number): Statement {
  const head = cur.next()
  switch (keyword) {
    case 'RETURN':
      if (!cur.atEnd() && !cur.isSymbol(';') && !isStatementStart(cur)) parseExpression(cur)
      return { kind: 'return', line }
    case 'PRINT':
      parseExpression(cur)
      return { kind: 'print', line }
    case 'BREAK':
    case 'CONTINUE':
      return { kind: keyword === 'BREAK' ? 'break' : 'continue', line }
    case 'GOTO':
      cur.identifier('a label')
      return { kind: 'goto', line }
    case 'WAITFOR':
      if (!cur.acceptWords('DELAY')) cur.expectWords('TIME')
      parseExpression(cur)
      return { kind: 'waitfor', line }
    case 'OPEN':
    case 'CLOSE':
    case 'DEALLOCATE':
      cur.acceptWords('GLOBAL')
      cur.next('a cursor name')
      return { kind: 'cursor', line }
    case 'FETCH':
      skipStatement(cur, true)
      return { kind: 'cursor', line }
    case 'CHECKPOINT':
      return { kind: 'skipped', line, verb: keyword }
    case 'ENABLE':
    case 'DISABLE':
      cur.expectWords('TRIGGER')
      skipStatement(cur, true)
      b.note(line, `${keyword} TRIGGER is not part of the schema model`)
      return { kind: 'skipped', line, verb: keyword }
    case 'USE':
      return { kind: 'skipped', line, verb: keyword }
  }
  const suggestion = head.kind === 'word' ? closestWord(head.value, STATEMENT_WORDS) : undefined
  return cur.fail(
    `a statement such as CREATE TABLE, ALTER TABLE or CREATE INDEX${suggestion ? ` (did you mean ${suggestion}?)` : ''}`,
    head,
  )
}

/** After CREATE/ALTER/DROP: the next word must name a kind of object. */
function expectObjectKind(cur: TokenCursor, verb: string): void {
  const t = cur.peek()
  const word = t?.kind === 'word' ? t.upper : ''
  if (OBJECT_KINDS.has(word)) return
  const guess = word ? closestWord(word, OBJECT_KINDS) : undefined
  const suggestion = guess ? ` (did you mean ${verb} ${guess === 'PROC' ? 'PROCEDURE' : guess}?)` : ''
  cur.fail(`a kind of object after ${verb}, such as TABLE, VIEW, INDEX or PROCEDURE${suggestion}`)
}
