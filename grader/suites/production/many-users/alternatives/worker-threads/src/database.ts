import { createRequire } from 'node:module'

interface Pool {
  query<Row>(text: string, values?: unknown[]): Promise<{ rows: Row[] }>
  on(event: 'error', listener: (error: Error) => void): void
  end(): Promise<void>
}

const pg = createRequire(import.meta.url)('pg') as {
  Pool: new (config: { connectionString?: string; max?: number }) => Pool
}

// a larger pool than the reference: 20 connections, waiting for a free one as long as it takes
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 })
pool.on('error', (error) => console.warn(`idle database connection lost: ${error.message}`))

export async function query<Row>(text: string, values?: unknown[]): Promise<Row[]> {
  return (await pool.query<Row>(text, values)).rows
}

export function closeDatabase(): Promise<void> {
  return pool.end()
}
