import type { RunningService } from '@backend-labs/http-kit'
import { EnvironmentError } from '@backend-labs/lab-kit'
import { dbExec, psql } from '../../../../labs/production/dashboard-data/database-exec.ts'

/** What the app's statements did since the last reset, from pg_stat_statements. */
export interface StatementStats {
  /** Statements run (BEGIN and COMMIT count too). */
  calls: number
  /** Rows those statements returned to the app (or changed). */
  rows: number
}

// the grader's own statements name the view; they are left out of what the app did
const APP_STATEMENTS = `FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT ILIKE '%pg_stat_statements%'`

function cannotTell(detail: string): EnvironmentError {
  return new EnvironmentError(
    `The grader could not tell where the series is computed: pg_stat_statements did not answer (${detail.slice(0, 200)}).`,
    'This is not your fault. Grade again; if it persists, report it with `pnpm labs doctor`.',
  )
}

export async function resetStatementStats(db: RunningService): Promise<void> {
  const out = await psql(db, 'SELECT pg_stat_statements_reset()')
  if (out === undefined || /ERROR/.test(out)) throw cannotTell(out ?? 'no output')
}

export async function statementStats(db: RunningService): Promise<StatementStats> {
  const out = await psql(
    db,
    `SELECT 'stats ' || coalesce(sum(calls), 0) || ' ' || coalesce(sum(rows), 0) ${APP_STATEMENTS}`,
  )
  const match = /stats (\d+) (\d+)/.exec(out ?? '')
  if (!match) throw cannotTell(out ?? 'no output')
  return { calls: Number(match[1]), rows: Number(match[2]) }
}

/**
 * Bytes the database container has sent on its network so far (the grader's own psql runs over
 * loopback, so this is what went to the app). Read before and after a request: the difference is
 * what the database sent to answer it, whatever the number of rows it came in.
 */
export async function databaseSentBytes(db: RunningService): Promise<number> {
  const out = await dbExec(db, ['cat', '/sys/class/net/eth0/statistics/tx_bytes'])
  const bytes = Number(out?.trim())
  if (!Number.isSafeInteger(bytes)) throw cannotTell(`tx_bytes: ${out ?? 'no output'}`)
  return bytes
}
