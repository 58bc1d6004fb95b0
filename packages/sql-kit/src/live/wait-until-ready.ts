import { EnvironmentError } from '@backend-labs/lab-kit'
import type sql from 'mssql'
import { type Credentials, openPool, type ServerAddress } from './connect.ts'

/**
 * SQL Server logs "Recovery is complete" before logins work, so readiness is a real login running
 * `SELECT 1`, retried with backoff until the deadline. Returns the connected pool.
 */
export async function waitUntilReady(
  address: ServerAddress,
  credentials: Credentials,
  options: { timeoutMs: number; requestTimeoutMs?: number },
): Promise<sql.ConnectionPool> {
  const deadline = Date.now() + options.timeoutMs
  let delayMs = 250
  let last: unknown
  for (;;) {
    const left = deadline - Date.now()
    try {
      const pool = await openPool(address, credentials, {
        requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
        connectTimeoutMs: Math.max(Math.min(left, 15_000), 500),
      })
      try {
        await pool.request().query('SELECT 1 AS ready')
        return pool
      } catch (error) {
        await pool.close().catch(() => {})
        throw error
      }
    } catch (error) {
      last = error
    }
    if (Date.now() + delayMs > deadline) break
    await new Promise((resolve) => setTimeout(resolve, delayMs))
    delayMs = Math.min(delayMs * 2, 2_000)
  }
  const reason = last instanceof Error ? last.message : String(last)
  throw new EnvironmentError(
    `SQL Server at ${address.host}:${address.port} did not accept a login within ${Math.round(options.timeoutMs / 1000)} s: ${reason}`,
    'SQL Server needs at least 2 GiB of memory and a strong SA password; look at the container log',
  )
}
