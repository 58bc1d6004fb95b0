import { createRequire } from 'node:module'

type Query = <Row = Record<string, unknown>>(
  text: string,
  values?: unknown[],
) => Promise<{ rows: Row[]; rowCount: number | null }>

/** One connection taken from the pool: for a transaction, run BEGIN … COMMIT on it, then release it. */
export interface PoolClient {
  query: Query
  /** Gives the connection back; pass the error to discard a broken one. */
  release(error?: Error): void
}

/** The part of the `pg` API this app uses (pg ships no types of its own). */
export interface Pool {
  /** Runs one statement on any free connection (its own implicit transaction). */
  query: Query
  connect(): Promise<PoolClient>
  on(event: 'error', listener: (error: Error) => void): void
  end(): Promise<void>
}

export interface PoolConfig {
  connectionString?: string
  /** How long one connection attempt may take. */
  connectionTimeoutMillis?: number
  max?: number
}

const pg = createRequire(import.meta.url)('pg') as { Pool: new (config: PoolConfig) => Pool }

export function createPool(config: PoolConfig): Pool {
  return new pg.Pool(config)
}
