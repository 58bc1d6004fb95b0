import { forbiddenStatement } from './forbidden-statements.ts'
import { evaluateGuard } from './guard-condition.ts'
import type { ModelBuilder } from './model-builder.ts'
import { parseAlterTable } from './parse-alter-table.ts'
import { parseDrop } from './parse-drop.ts'
import { parseCreateIndex } from './parse-index.ts'
import { type ModuleKind, parseCreateSchema, parseModule } from './parse-module.ts'
import { parseCreateTable } from './parse-table.ts'
import { isStatementStart, skipCondition, skipStatement } from './statement-boundary.ts'
import { TokenCursor } from './token-cursor.ts'
import { tokenize } from './tsql-lexer.ts'

const MODULES: Record<string, ModuleKind> = {
  VIEW: 'VIEW',
  PROC: 'PROCEDURE',
  PROCEDURE: 'PROCEDURE',
  FUNCTION: 'FUNCTION',
  TRIGGER: 'TRIGGER',
}
const DATA_STATEMENTS = new Set(['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'TRUNCATE', 'WITH'])

/** Reads every statement of one batch (T-SQL needs no `;` between statements). */
export function parseBatch(cur: TokenCursor, b: ModelBuilder): void {
  let first = true
  while (!cur.atEnd()) {
    if (cur.acceptSymbol(';')) continue
    if (cur.isWord('END') || cur.isWord('ELSE'))
      cur.fail('a statement (this END or ELSE has no matching BEGIN or IF)')
    parseStatement(cur, b, first)
    first = false
  }
}

export function parseStatement(cur: TokenCursor, b: ModelBuilder, firstInBatch: boolean): void {
  const start = cur.pos
  const head = cur.next('a statement')
  const line = head.line
  const keyword = head.kind === 'word' ? head.value.toUpperCase() : ''
  cur.pos = start
  const forbidden = forbiddenStatement(cur)
  if (forbidden) {
    b.issue('not-allowed', line, forbidden)
    skipStatement(cur)
    return
  }
  cur.pos = start + 1
  if (keyword === 'CREATE' || keyword === 'ALTER') {
    const orAlter = keyword === 'CREATE' && cur.acceptWords('OR', 'ALTER')
    const module = MODULES[cur.peek()?.value.toUpperCase() ?? '']
    if (module && cur.peek()?.kind === 'word') {
      cur.next()
      const mode = orAlter ? 'create-or-alter' : keyword === 'ALTER' ? 'alter' : 'create'
      parseModule(cur, b, module, mode, start, firstInBatch)
      return
    }
    if (orAlter) cur.fail('VIEW, PROCEDURE, FUNCTION or TRIGGER after CREATE OR ALTER')
    if (keyword === 'ALTER') parseAlter(cur, b, line)
    else parseCreate(cur, b, line, firstInBatch)
    return
  }
  if (keyword === 'DROP') {
    parseDrop(cur, b, line)
    return
  }
  if (keyword === 'IF') {
    parseIf(cur, b, line)
    return
  }
  if (keyword === 'BEGIN') {
    parseBlock(cur, b, line)
    return
  }
  if (keyword === 'WHILE') {
    skipCondition(cur, 'WHILE')
    b.note(line, 'a WHILE loop is not run by the static engine')
    b.branch(false, () => parseStatement(cur, b, false))
    return
  }
  if (keyword === 'EXEC' || keyword === 'EXECUTE') {
    parseExec(cur, b, line)
    return
  }
  if (DATA_STATEMENTS.has(keyword)) b.note(line, `${keyword} statements are not run by the static engine`)
  else if (!isStatementStart(cur, -1))
    cur.fail('a statement such as CREATE TABLE, ALTER TABLE or CREATE INDEX', head)
  skipStatement(cur, true)
}

function parseCreate(cur: TokenCursor, b: ModelBuilder, line: number, firstInBatch: boolean): void {
  if (cur.acceptWords('TABLE')) {
    parseCreateTable(cur, b, line)
    return
  }
  if (cur.acceptWords('SCHEMA')) {
    parseCreateSchema(cur, b, line, firstInBatch)
    return
  }
  const unique = cur.acceptWords('UNIQUE')
  const clustered = cur.acceptWords('CLUSTERED') ? true : cur.acceptWords('NONCLUSTERED') ? false : undefined
  if (unique || clustered !== undefined || cur.isWord('INDEX') || cur.isWord('COLUMNSTORE')) {
    parseCreateIndex(cur, b, line, unique, clustered)
    return
  }
  const what = cur.peek()?.value.toUpperCase() ?? ''
  b.note(line, `CREATE ${what} is not part of the schema model and was not checked`)
  skipStatement(cur)
}

function parseAlter(cur: TokenCursor, b: ModelBuilder, line: number): void {
  if (cur.acceptWords('TABLE')) {
    parseAlterTable(cur, b, line)
    return
  }
  if (cur.acceptWords('SCHEMA')) {
    const schema = cur.identifier('a schema name')
    cur.expectWords('TRANSFER')
    if (cur.isSymbol(':', 1)) cur.pos += 3 // OBJECT::name
    const name = cur.qualifiedName('the object to transfer')
    const object = [...b.model.tables, ...b.model.views, ...b.model.procedures].find(
      (o) =>
        o.schema.toLowerCase() === name.schema.toLowerCase() &&
        o.name.toLowerCase() === name.name.toLowerCase(),
    )
    if (!b.applying) return
    if (!b.schemaExists(schema)) {
      b.issue('semantic', line, `the schema "${schema}" does not exist`)
      return
    }
    if (!object) {
      b.issue('semantic', line, `cannot transfer ${name.schema}.${name.name}: it does not exist`)
      return
    }
    object.schema = schema
    return
  }
  b.note(
    line,
    `ALTER ${cur.peek()?.value.toUpperCase() ?? ''} is not part of the schema model and was not checked`,
  )
  skipStatement(cur)
}

function parseIf(cur: TokenCursor, b: ModelBuilder, line: number): void {
  const condition = skipCondition(cur, 'IF')
  const holds = evaluateGuard(condition, b)
  if (holds === undefined && b.applying)
    b.issue(
      'unsupported',
      line,
      "the static grader cannot tell whether this IF condition holds; use IF OBJECT_ID(N'schema.name') IS NULL or IF NOT EXISTS (SELECT 1 FROM sys.… WHERE name = N'…')",
    )
  b.branch(holds === true, () => parseStatement(cur, b, false))
  while (cur.acceptSymbol(';')) {}
  if (cur.acceptWords('ELSE')) b.branch(holds === false, () => parseStatement(cur, b, false))
}

function parseBlock(cur: TokenCursor, b: ModelBuilder, line: number): void {
  if (cur.acceptWords('TRAN') || cur.acceptWords('TRANSACTION') || cur.acceptWords('DISTRIBUTED')) {
    skipStatement(cur, true)
    return
  }
  const kind = cur.acceptWords('TRY') ? 'TRY' : cur.acceptWords('CATCH') ? 'CATCH' : ''
  const body = () => {
    while (!cur.isWord('END')) {
      if (cur.atEnd()) cur.fail(`END to close the BEGIN${kind ? ` ${kind}` : ''} on line ${line}`)
      if (!cur.acceptSymbol(';')) parseStatement(cur, b, false)
    }
    cur.expectWords('END')
    if (kind) cur.expectWords(kind)
  }
  // A CATCH block only runs after an error, which the static engine assumes does not happen.
  if (kind === 'CATCH') b.branch(false, body)
  else body()
}

function parseExec(cur: TokenCursor, b: ModelBuilder, line: number): void {
  const literal = cur.isSymbol('(') ? cur.peek(1) : cur.isWord('SP_EXECUTESQL') ? cur.peek(1) : undefined
  const closes = cur.isSymbol('(') ? cur.isSymbol(')', 2) : true
  if (literal?.kind === 'string' && closes) {
    cur.pos += cur.isSymbol('(') ? 3 : 2
    // Dynamic SQL runs as a batch of its own, so CREATE VIEW/SCHEMA may come first in it.
    const inner = new TokenCursor(tokenize(literal.value, literal.line), literal.value, literal.line)
    parseBatch(inner, b)
    skipStatement(cur, true)
    return
  }
  b.note(line, 'procedure calls and dynamic SQL built at run time are not run by the static engine')
  skipStatement(cur)
}
