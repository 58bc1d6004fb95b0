/*
 * The static engine: the learner's T-SQL read into a SchemaModel without a server.
 *
 * Why our own recursive-descent parser and not @polyglot-sql/sdk or node-sql-parser
 * (evidence: parser-comparison.test.ts, which runs every form below through polyglot):
 * - node-sql-parser 5.4 fails on every FOREIGN KEY form, named column constraints and computed
 *   columns (ENVIRONMENT.md); that is most of a schema-design lab.
 * - polyglot 0.12 (Dialect.TSQL) rejects valid T-SQL that learners write every day: a column-level
 *   `PRIMARY KEY CLUSTERED`/`NONCLUSTERED`, and the `IF OBJECT_ID(…) IS NULL` / `IF NOT EXISTS (…)`
 *   guards of re-runnable scripts, and two statements not separated by `;` (optional in T-SQL, and
 *   left out by most learners). Rejecting a correct answer is the worst thing a grader can do.
 * - polyglot also accepts what SQL Server rejects (`AUTO_INCREMENT`, `SERIAL`, `LIMIT` pass as TSQL)
 *   and drops facts the model needs (the name of a column-level DEFAULT constraint), so it can be
 *   neither the syntax oracle nor the source of the model.
 * The grammar is split by statement family (parse-table, parse-alter-table, parse-index, parse-module,
 * parse-query, parse-dml, parse-control-flow, parse-variables, parse-exec, parse-security…) and
 * produces a syntax tree (ast.ts): DDL is applied to the model as it is read; queries, data changes,
 * procedural code and permissions are nodes. Module bodies are parsed, not kept as text only.
 */
import { splitBatches } from '../batch-splitter.ts'
import type { Statement } from './ast.ts'
import { flagExecutionStoppers } from './execution-stoppers.ts'
import { ModelBuilder } from './model-builder.ts'
import { parseBatch } from './parse-statement.ts'
import { applySqlcmd } from './sqlcmd.ts'
import type { StaticResult } from './static-result.ts'
import { ParseError, TokenCursor } from './token-cursor.ts'
import { LexError, type Token, tokenize } from './tsql-lexer.ts'

export interface ScriptFile {
  /** The name shown to the learner, e.g. `schema.sql`. */
  file: string
  text: string
}

/**
 * Reads the scripts in order (as the live engine runs them) into one SchemaModel. As on SQL Server,
 * each batch is compiled first: a syntax error anywhere in it runs none of it (the model is left as
 * it was) and is reported at file:line; later batches still run.
 */
export function analyzeScripts(scripts: readonly ScriptFile[]): StaticResult {
  const b = new ModelBuilder()
  let batchCount = 0
  const statements: Statement[] = []
  for (const script of scripts) {
    b.file = script.file
    // SSMS and Visual Studio save UTF-8 with a byte-order mark; sqlcmd and SQL Server ignore it.
    const sqlcmd = applySqlcmd(script.text.replace(/^\uFEFF/, ''))
    for (const issue of sqlcmd.issues) b.issue(issue.kind, issue.line, issue.message)
    if (sqlcmd.issues.some((i) => i.kind === 'syntax')) continue
    const split = splitBatches(sqlcmd.text)
    for (const issue of split.issues) b.issue('syntax', issue.line, issue.message)
    if (split.issues.length > 0) continue
    for (const batch of split.batches) {
      batchCount++
      let newlines = 0
      for (let i = batch.text.indexOf('\n'); i >= 0; i = batch.text.indexOf('\n', i + 1)) newlines++
      const lastLine = batch.startLine + newlines
      let tokens: Token[]
      try {
        tokens = tokenize(batch.text, batch.startLine)
      } catch (error) {
        if (!(error instanceof LexError)) throw error
        b.issue('syntax', error.line, error.message)
        continue
      }
      const cursor = () => new TokenCursor(tokens, batch.text, lastLine)
      if (!compiles(b, cursor)) continue
      // `GO n` runs the batch n times; a CREATE in it then fails the second time, as on the server.
      for (let run = 0; run < batch.repeat; run++) {
        const parsed = parseBatch(cursor(), b)
        if (run === 0) flagExecutionStoppers(parsed, b)
        statements.push(...parsed)
      }
    }
  }
  if (batchCount === 0 && b.issues.length === 0) {
    const names = scripts.map((s) => s.file).join(', ') || 'the submission'
    b.file = scripts[0]?.file ?? 'submission'
    b.issue('syntax', 1, `${names} contains no SQL statements: write your CREATE statements there`)
  }
  return { model: b.model, issues: b.issues, notes: b.notes, batchCount, dataLoss: b.dataLoss, statements }
}

/** The compile pass: parses the batch without applying it; reports its syntax errors, if any. */
function compiles(b: ModelBuilder, cursor: () => TokenCursor): boolean {
  b.dry = true
  b.dryErrors.length = 0
  try {
    b.branch(false, () => parseBatch(cursor(), b))
  } catch (error) {
    if (!(error instanceof ParseError)) throw error
    b.dryErrors.push({ line: error.line, message: error.message })
  } finally {
    b.dry = false
  }
  for (const e of b.dryErrors) b.issue('syntax', e.line, e.message)
  return b.dryErrors.length === 0
}
