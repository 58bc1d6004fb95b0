import { randomBytes } from 'node:crypto'
import { runLabels } from '@backend-labs/containers'
import { EnvironmentError } from '@backend-labs/lab-kit'
import { LiveEngine } from '@backend-labs/sql-kit/live'
import { onProcessExit } from '../../engine/process-resources.ts'
import { SQL_SERVER_IMAGE } from './engine-selection.ts'
import { sharedServerFromEnv } from './shared-server-env.ts'

let shared: Promise<LiveEngine> | undefined

/**
 * The one SQL Server of this grading process, started on first use and shared by every lab and
 * submission (each gets its own database on it). A batch worker attaches to its batch's server
 * instead ({@link sharedServerFromEnv}), so a whole batch runs on one server. It carries the run labels, so a sweep finds it if
 * the process is killed; otherwise it is stopped when the command ends (`onProcessExit`).
 * A failed start is remembered: every later submission reports the same cause at once instead of
 * waiting minutes for another server that will not start either.
 */
export function sharedLiveEngine(): Promise<LiveEngine> {
  if (shared) return shared
  // A batch worker: the batch's parent process started the server and stops it.
  const endpoint = sharedServerFromEnv()
  if (endpoint) {
    shared = LiveEngine.attach(endpoint).catch((error: unknown) => {
      if (error instanceof EnvironmentError) throw error
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
      throw new EnvironmentError(
        `the batch's SQL Server at ${endpoint.host}:${endpoint.port} did not answer: ${reason}`,
        'check that the labs grade-batch process that started it still runs',
      )
    })
    const attached = shared
    onProcessExit(async () => (await attached.catch(() => undefined))?.stop())
    return shared
  }
  const runId = `sql-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`
  shared = LiveEngine.start({ image: SQL_SERVER_IMAGE, labels: runLabels(runId) }).catch((error: unknown) => {
    if (error instanceof EnvironmentError) throw error
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
    throw new EnvironmentError(
      `SQL Server (${SQL_SERVER_IMAGE}) did not start: ${reason}`,
      'give Docker at least 2 GiB of memory and check `docker logs` of the SQL Server container, or grade with --engine static',
    )
  })
  const started = shared
  onProcessExit(async () => {
    const engine = await started.catch(() => undefined)
    await engine?.stop()
  })
  return shared
}
