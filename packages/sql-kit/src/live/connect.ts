import { EnvironmentError } from '@backend-labs/lab-kit'
import sql from 'mssql'

export interface ServerAddress {
  host: string
  port: number
}

export interface Credentials {
  user: string
  password: string
  database?: string
}

export interface PoolOptions {
  /** Per request (per batch): a longer batch is cancelled. */
  requestTimeoutMs: number
  connectTimeoutMs?: number
}

const CONNECTION_CODES = new Set(['ESOCKET', 'ETIMEOUT', 'ECONNCLOSED', 'EINSTLOOKUP', 'ELOGIN', 'ETLS'])

/**
 * A pool of exactly one connection, so that every batch of a script runs in one session (as in
 * sqlcmd: SET options, #temp tables and the database context carry over between batches).
 * Failing to connect is the environment's fault, never the learner's: EnvironmentError.
 */
export async function openPool(
  address: ServerAddress,
  credentials: Credentials,
  options: PoolOptions,
): Promise<sql.ConnectionPool> {
  const pool = new sql.ConnectionPool({
    server: address.host,
    port: address.port,
    user: credentials.user,
    password: credentials.password,
    ...(credentials.database ? { database: credentials.database } : {}),
    requestTimeout: options.requestTimeoutMs,
    connectionTimeout: options.connectTimeoutMs ?? 15_000,
    pool: { min: 0, max: 1, idleTimeoutMillis: 600_000 },
    // The server is a local container with a self-signed certificate.
    options: { encrypt: true, trustServerCertificate: true, enableArithAbort: true },
  })
  try {
    return await pool.connect()
  } catch (error) {
    await pool.close().catch(() => {})
    throw connectionError(address, error)
  }
}

/** Maps a driver connection failure to an EnvironmentError with a plain message. */
export function connectionError(address: ServerAddress, error: unknown): Error {
  const code = (error as { code?: string }).code ?? ''
  if (!CONNECTION_CODES.has(code)) return error as Error
  const reason = (error as Error).message.replace(/\s+/g, ' ').trim()
  return new EnvironmentError(
    `cannot connect to SQL Server at ${address.host}:${address.port} (${code}): ${reason}`,
    'the grader starts SQL Server itself; check that Docker is running and the SQL Server container is up, or grade with --engine static',
  )
}
