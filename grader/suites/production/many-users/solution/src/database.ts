import { createRequire } from 'node:module'

/** The part of the `pg` API this app uses (pg ships no types of its own). */
interface QueryResult<Row> {
  rows: Row[]
}
export interface Pool {
  query<Row>(text: string, values?: unknown[]): Promise<QueryResult<Row>>
  on(event: 'error', listener: (error: Error) => void): void
  end(): Promise<void>
}
export interface PoolConfig {
  connectionString?: string
  /** Connections open at most. */
  max?: number
  /** How long a query may wait for a free connection (0: for ever). */
  connectionTimeoutMillis?: number
}

const pg = createRequire(import.meta.url)('pg') as { Pool: new (config: PoolConfig) => Pool }

// One pool for the process: connections are opened once and reused, and a burst of requests
// queues for a free one instead of opening (and authenticating) a connection each.
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: 10,
  connectionTimeoutMillis: 10_000,
})
pool.on('error', (error) => console.warn(`idle database connection lost: ${error.message}`))

/** Runs one statement on a pooled connection. */
export async function query<Row>(text: string, values?: unknown[]): Promise<Row[]> {
  return (await pool.query<Row>(text, values)).rows
}

export function closeDatabase(): Promise<void> {
  return pool.end()
}
