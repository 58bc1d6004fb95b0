import { createRequire } from 'node:module'

/** The part of the `pg` API this app uses (pg ships no types of its own). */
interface QueryResult<Row> {
  rows: Row[]
}
interface Queryable {
  query<Row>(text: string, values?: unknown[]): Promise<QueryResult<Row>>
}
export interface Client extends Queryable {
  connect(): Promise<void>
  end(): Promise<void>
}
export interface Pool extends Queryable {
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

export const pg = createRequire(import.meta.url)('pg') as {
  Client: new (config: { connectionString?: string }) => Client
  Pool: new (config: PoolConfig) => Pool
}

/** Runs one statement on a connection of its own: connect, query, disconnect. */
export async function query<Row>(text: string, values?: unknown[]): Promise<Row[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
  await client.connect()
  try {
    return (await client.query<Row>(text, values)).rows
  } finally {
    await client.end()
  }
}

/** Nothing to close: every query closes its own connection. */
export async function closeDatabase(): Promise<void> {}
