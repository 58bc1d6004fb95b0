import type { Pool } from './pg-client.ts'

export interface Note {
  id: number
  text: string
  createdAt: string
}

const SCHEMA = `CREATE TABLE IF NOT EXISTS notes (
  id SERIAL PRIMARY KEY,
  text TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
)`

const COLUMNS = 'id, text, created_at AS "createdAt"'

/** Notes stored in the `notes` table. */
export class NoteRepository {
  private readonly pool: Pool

  constructor(pool: Pool) {
    this.pool = pool
  }

  async createSchema(): Promise<void> {
    await this.pool.query(SCHEMA)
  }

  async add(text: string): Promise<Note> {
    const { rows } = await this.pool.query<Note>(
      `INSERT INTO notes (text) VALUES ($1) RETURNING ${COLUMNS}`,
      [text],
    )
    return rows[0] as Note
  }

  async get(id: number): Promise<Note | undefined> {
    const { rows } = await this.pool.query<Note>(`SELECT ${COLUMNS} FROM notes WHERE id = $1`, [id])
    return rows[0]
  }

  async list(): Promise<Note[]> {
    return (await this.pool.query<Note>(`SELECT ${COLUMNS} FROM notes ORDER BY id LIMIT 100`)).rows
  }
}
