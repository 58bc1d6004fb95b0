import { EnvironmentError } from '@backend-labs/lab-kit'
import type { ServerEndpoint } from '@backend-labs/sql-kit/live'

/**
 * The variable through which a batch hands its one SQL Server to its worker processes: they attach
 * to it (a database per submission) instead of each starting a server of its own. It holds the admin
 * login, so it is set only in the environment of the grader's own workers, never of learner code.
 */
export const SHARED_SQL_SERVER_ENV = 'LABS_SHARED_SQL_SERVER'

export function sharedServerEnv(endpoint: ServerEndpoint): Record<string, string> {
  return { [SHARED_SQL_SERVER_ENV]: JSON.stringify(endpoint) }
}

/** The server to attach to, if this process was given one; a malformed value is the environment's fault. */
export function sharedServerFromEnv(env: NodeJS.ProcessEnv = process.env): ServerEndpoint | undefined {
  const raw = env[SHARED_SQL_SERVER_ENV]
  if (raw === undefined || raw === '') return undefined
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    value = undefined
  }
  const e = value as Partial<ServerEndpoint> | undefined
  if (
    !e ||
    typeof e.host !== 'string' ||
    !Number.isInteger(e.port) ||
    typeof e.user !== 'string' ||
    typeof e.password !== 'string'
  )
    throw new EnvironmentError(
      `${SHARED_SQL_SERVER_ENV} is set but is not a SQL Server endpoint ({"host","port","user","password"})`,
      `unset ${SHARED_SQL_SERVER_ENV}: labs grade-batch sets it for its own workers only`,
    )
  return { host: e.host, port: e.port as number, user: e.user, password: e.password }
}
