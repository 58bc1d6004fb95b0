import { query } from './database.ts'
import { hashPassword } from './passwords.ts'

export interface Product {
  id: number
  name: string
  priceCents: number
}

export interface User {
  name: string
  salt: string
  hash: string
}

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS products (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    price_cents INTEGER NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY,
    salt TEXT NOT NULL,
    hash TEXT NOT NULL
  )`,
  `INSERT INTO products (id, name, price_cents)
    SELECT i, 'Poster #' || i, 500 + (i * 37) % 4500 FROM generate_series(1, 200) AS i
    ON CONFLICT (id) DO NOTHING`,
]

/** The users the shop starts with (name, password): the demo accounts. */
const DEMO_USERS = [
  ['ada', 'correct horse battery staple'],
  ['grace', 'nanoseconds are short'],
] as const

/** Creates the tables and the demo data, unless they are there already. */
export async function createSchema(): Promise<void> {
  for (const statement of SCHEMA) await query(statement)
  for (const [name, password] of DEMO_USERS) {
    const salt = `salt-of-${name}`
    await query('INSERT INTO users (name, salt, hash) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING', [
      name,
      salt,
      hashPassword(password, salt),
    ])
  }
}

export async function getProduct(id: number): Promise<Product | undefined> {
  const rows = await query<Product>(
    'SELECT id, name, price_cents AS "priceCents" FROM products WHERE id = $1',
    [id],
  )
  return rows[0]
}

export async function findUser(name: string): Promise<User | undefined> {
  const rows = await query<User>('SELECT name, salt, hash FROM users WHERE name = $1', [name])
  return rows[0]
}
