import { selectSqlEngine } from '../services/sql/engine-selection.ts'
import { sharedServerEnv } from '../services/sql/shared-server-env.ts'

/**
 * One SQL Server for a whole batch: when its SQL labs grade with the live engine, this process starts
 * the server (stopped when it exits) and returns the environment that makes every worker attach to
 * it, each submission in a database of its own. Undefined under the static engine: nothing to share.
 */
export async function batchSqlServerEnv(
  engine: string | undefined,
): Promise<Record<string, string> | undefined> {
  const choice = await selectSqlEngine(engine)
  if (choice.engine !== 'live') return undefined
  // Loaded only here: mssql and testcontainers are heavy to import.
  const { sharedLiveEngine } = await import('../services/sql/shared-live-engine.ts')
  const live = await sharedLiveEngine()
  return sharedServerEnv(live.server.endpoint)
}
