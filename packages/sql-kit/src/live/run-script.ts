import type sql from 'mssql'
import { type Batch, scriptLine, splitBatches } from '../batch-splitter.ts'
import type { ScriptFile } from '../static/static-engine.ts'
import { type BatchOutcome, runBatch } from './run-batch.ts'

export interface RunOptions {
  /** Only used to word the timeout message; the pool enforces it. */
  batchTimeoutMs: number
  /** Rows kept per result set. */
  maxRows?: number
  /** Keep running later batches after an error (default: stop at the first). */
  continueOnError?: boolean
  /** The database the script must stay in (a USE elsewhere is reported). */
  database: string
}

/** A learner-facing error at file:line. */
export interface ScriptError {
  file: string
  line: number
  /** SQL Server's error number, when the server raised it. */
  number?: number
  message: string
}

export interface ScriptRun {
  errors: ScriptError[]
  batchesRun: number
  /** Each run batch's outcome, in order (a `GO 3` batch appears three times). */
  outcomes: { file: string; startLine: number; outcome: BatchOutcome }[]
}

/** Runs the files' batches in order in one session, as the learner's own login. */
export async function runScript(
  pool: sql.ConnectionPool,
  files: readonly ScriptFile[],
  options: RunOptions,
): Promise<ScriptRun> {
  const run: ScriptRun = { errors: [], batchesRun: 0, outcomes: [] }
  const maxRows = options.maxRows ?? 100
  for (const file of files) {
    const split = splitBatches(file.text)
    for (const issue of split.issues)
      run.errors.push({ file: file.file, line: issue.line, message: issue.message })
    if (split.issues.length > 0 && !options.continueOnError) return run
    for (const batch of split.batches) {
      for (let i = 0; i < batch.repeat; i++) {
        const outcome = await runBatch(pool, batch.text, maxRows)
        run.batchesRun++
        run.outcomes.push({ file: file.file, startLine: batch.startLine, outcome })
        const error = outcome.error && describeError(file.file, batch, outcome, options)
        const moved = error ? undefined : await leftDatabase(pool, file.file, batch, options.database)
        for (const e of [error, moved]) if (e) run.errors.push(e)
        if ((error || moved) && (!options.continueOnError || moved)) return run
      }
    }
  }
  return run
}

function describeError(
  file: string,
  batch: Batch,
  outcome: BatchOutcome,
  options: RunOptions,
): ScriptError | undefined {
  const e = outcome.error
  if (!e) return undefined
  if (e.timedOut)
    return {
      file,
      line: batch.startLine,
      message: `this batch did not finish within ${Math.round(options.batchTimeoutMs / 1000)} s and was stopped: look for an endless WHILE loop or a query that waits`,
    }
  const line = scriptLine(batch, e.lineNumber ?? 1)
  return { file, line, ...(e.number !== undefined ? { number: e.number } : {}), message: e.message }
}

/** `USE other_db` succeeds for any login (guest), so check where the session is after each batch. */
async function leftDatabase(
  pool: sql.ConnectionPool,
  file: string,
  batch: Batch,
  database: string,
): Promise<ScriptError | undefined> {
  const result = await pool.request().query<{ db: string }>('SELECT DB_NAME() AS db')
  const db = result.recordset[0]?.db
  if (db === undefined || db === database) return undefined
  return {
    file,
    line: batch.startLine,
    message: `this batch switched to the database "${db}" (USE): the grader runs your script in a database of its own; remove the USE statement`,
  }
}

export function formatScriptError(e: ScriptError): string {
  return `${e.file}:${e.line}: ${e.number !== undefined ? `SQL Server error ${e.number}: ` : ''}${e.message}`
}
