import { createRequire } from 'node:module'

/** The part of the `pg` API this app uses (pg ships no types of its own). */
export interface Pool {
  query<Row = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: Row[] }>
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
