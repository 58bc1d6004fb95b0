import type { Pool } from './pg-client.ts'

export interface Item {
  id: number
  name: string
  stock: number
}

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS items (
    id SERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    stock INTEGER NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS orders (
    id SERIAL PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items (id),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
  )`,
]

/** Items and their stock (table `items`). */
export class ItemStore {
  private readonly pool: Pool

  constructor(pool: Pool) {
    this.pool = pool
  }

  async createSchema(): Promise<void> {
    for (const statement of SCHEMA) await this.pool.query(statement)
  }

  async add(name: string, stock: number): Promise<Item> {
    const { rows } = await this.pool.query<Item>(
      'INSERT INTO items (name, stock) VALUES ($1, $2) RETURNING id, name, stock',
      [name, stock],
    )
    return rows[0] as Item
  }

  async get(id: number): Promise<Item | undefined> {
    const { rows } = await this.pool.query<Item>('SELECT id, name, stock FROM items WHERE id = $1', [id])
    return rows[0]
  }
}
