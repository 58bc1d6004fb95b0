import sql from 'mssql'
import { runBatch } from './run-batch.ts'

/**
 * What a behavioural probe did, and nothing else: the probe's SQL stays with the grader.
 * A `rejected` message is SQL Server's (with the sandbox database name removed).
 */
export type ProbeOutcome =
  | { status: 'accepted'; rowsAffected: number; rows: Record<string, unknown>[] }
  | { status: 'rejected'; errorNumber?: number; message: string; timedOut: boolean }

export interface ProbeOptions {
  maxRows?: number
  /** Replaced by "your database" in messages. */
  database?: string
}

/**
 * Runs a hidden statement as the learner's login inside a transaction that is always rolled
 * back, so probes do not change the learner's data or each other's results.
 */
export async function runProbe(
  pool: sql.ConnectionPool,
  probeSql: string,
  options: ProbeOptions = {},
): Promise<ProbeOutcome> {
  const transaction = new sql.Transaction(pool)
  await transaction.begin()
  try {
    const request = new sql.Request(transaction)
    const outcome = await runBatch(request, probeSql, options.maxRows ?? 100)
    if (outcome.error) {
      const message = options.database
        ? outcome.error.message.replaceAll(options.database, 'your database')
        : outcome.error.message
      return {
        status: 'rejected',
        ...(outcome.error.number !== undefined ? { errorNumber: outcome.error.number } : {}),
        message,
        timedOut: outcome.error.timedOut,
      }
    }
    const rowsAffected = outcome.rowsAffected.reduce((a, b) => a + b, 0)
    return { status: 'accepted', rowsAffected, rows: outcome.resultSets.at(-1) ?? [] }
  } finally {
    await transaction.rollback().catch(() => {})
  }
}
