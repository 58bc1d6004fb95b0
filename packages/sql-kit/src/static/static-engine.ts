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
 * - the subset that matters (CREATE/ALTER TABLE, CREATE INDEX, CREATE VIEW/PROCEDURE, CREATE SCHEMA,
 *   DROP, existence guards, EXEC('…')) is small, and our parser knows the line of every object.
 * Everything else is either skipped as a whole statement with a note (INSERT, SELECT, GRANT, …) or
 * reported as `unsupported` at file:line; the engine never guesses what a statement does.
 */
import { splitBatches } from '../batch-splitter.ts'
import { ModelBuilder } from './model-builder.ts'
import { parseBatch } from './parse-statement.ts'
import type { StaticResult } from './static-result.ts'
import { ParseError, TokenCursor } from './token-cursor.ts'
import { LexError, tokenize } from './tsql-lexer.ts'

export interface ScriptFile {
  /** The name shown to the learner, e.g. `schema.sql`. */
  file: string
  text: string
}

/**
 * Reads the scripts in order (as the live engine runs them) into one SchemaModel. Syntax errors
 * stop only their own batch, as on SQL Server; every problem comes back as an issue at file:line.
 */
export function analyzeScripts(scripts: readonly ScriptFile[]): StaticResult {
  const b = new ModelBuilder()
  let batchCount = 0
  for (const script of scripts) {
    b.file = script.file
    const split = splitBatches(script.text)
    for (const issue of split.issues) b.issue('syntax', issue.line, issue.message)
    if (split.issues.length > 0) continue
    for (const batch of split.batches) {
      batchCount++
      const lastLine = batch.startLine + batch.text.split('\n').length - 1
      try {
        const tokens = tokenize(batch.text, batch.startLine)
        // `GO n` runs the batch n times; a CREATE in it then fails the second time, as on the server.
        for (let run = 0; run < batch.repeat; run++)
          parseBatch(new TokenCursor(tokens, batch.text, lastLine), b)
      } catch (error) {
        if (!(error instanceof ParseError || error instanceof LexError)) throw error
        b.issue('syntax', error.line, error.message)
      }
    }
  }
  if (batchCount === 0 && b.issues.length === 0) {
    const names = scripts.map((s) => s.file).join(', ') || 'the submission'
    b.file = scripts[0]?.file ?? 'submission'
    b.issue('syntax', 1, `${names} contains no SQL statements: write your CREATE statements there`)
  }
  return { model: b.model, issues: b.issues, notes: b.notes, batchCount }
}
