import { chargePayment } from './payment.ts'
import type { Pool, PoolClient } from './pg-client.ts'

export type OrderResult =
  | { kind: 'placed'; order: { id: number; itemId: number } }
  | { kind: 'sold-out' }
  | { kind: 'no-such-item' }

async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}

/** Reads the stock with a row lock: a second buyer waits until the first one commits, then reads. */
export function placeOrder(pool: Pool, itemId: number): Promise<OrderResult> {
  return inTransaction(pool, async (client): Promise<OrderResult> => {
    const { rows } = await client.query<{ stock: number }>(
      'SELECT stock FROM items WHERE id = $1 FOR UPDATE',
      [itemId],
    )
    const item = rows[0]
    if (!item) return { kind: 'no-such-item' }
    if (item.stock < 1) return { kind: 'sold-out' }
    await chargePayment(itemId)
    await client.query('UPDATE items SET stock = $1 WHERE id = $2', [item.stock - 1, itemId])
    const order = await client.query<{ id: number }>(
      'INSERT INTO orders (item_id) VALUES ($1) RETURNING id',
      [itemId],
    )
    return { kind: 'placed', order: { id: order.rows[0]?.id as number, itemId } }
  })
}
