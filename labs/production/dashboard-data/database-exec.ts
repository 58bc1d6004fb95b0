import { connectDocker, execCapture } from '@backend-labs/containers'
import type { RunningService } from '@backend-labs/http-kit'
import { scaledWait } from '@backend-labs/lab-kit'

// one engine probe per process: on a loaded machine each probe risks its short timeout
type Engine = Awaited<ReturnType<typeof connectDocker>>
let engine: Promise<Engine> | undefined
function docker(): Promise<Engine> {
  engine ??= connectDocker().catch((error: unknown) => {
    engine = undefined
    throw error
  })
  return engine
}

/**
 * Runs SQL with psql inside the grader's own database container, as the database's owner (one
 * transaction for several statements; the last result is printed unaligned). The output is stdout
 * and stderr together (psql's errors included); what arrived by the timeout when it timed out;
 * undefined when the exec could not run. `timeoutMs` stretches with the machine's load (`scaledWait`).
 */
export async function psql(db: RunningService, sql: string, timeoutMs = 30_000): Promise<string | undefined> {
  const env = db.connectionEnv
  const cmd = ['psql', '-h', '127.0.0.1', '-U', env.PGUSER ?? 'app', '-d', env.PGDATABASE ?? 'app']
  return execCapture(
    (await docker()).getContainer(db.containerId),
    ['env', `PGPASSWORD=${env.PGPASSWORD ?? 'app'}`, ...cmd, '-v', 'ON_ERROR_STOP=1', '-tAc', sql],
    scaledWait(timeoutMs),
  )
}

/** Runs a command inside the grader's own database container: its output (as psql()'s); undefined when it could not run. */
export async function dbExec(
  db: RunningService,
  cmd: string[],
  timeoutMs = 30_000,
): Promise<string | undefined> {
  return execCapture((await docker()).getContainer(db.containerId), cmd, scaledWait(timeoutMs))
}
