import { chargePayment } from './payment.ts'
import type { Pool } from './pg-client.ts'

export type OrderResult =
  | { kind: 'placed'; order: { id: number; itemId: number } }
  | { kind: 'sold-out' }
  | { kind: 'no-such-item' }

/**
 * Places one order for one unit of an item. The conditional UPDATE takes the unit atomically: the
 * database checks `stock > 0` and decrements in one step, so two buyers can never both take the last
 * unit, and no decrement can overwrite another. The order row commits with it, or neither does.
 */
export async function placeOrder(pool: Pool, itemId: number): Promise<OrderResult> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const taken = await client.query(
      'UPDATE items SET stock = stock - 1 WHERE id = $1 AND stock > 0 RETURNING stock',
      [itemId],
    )
    if (taken.rowCount === 0) {
      await client.query('ROLLBACK')
      const item = await client.query('SELECT 1 FROM items WHERE id = $1', [itemId])
      return item.rowCount === 0 ? { kind: 'no-such-item' } : { kind: 'sold-out' }
    }
    await chargePayment(itemId)
    const order = await client.query<{ id: number }>(
      'INSERT INTO orders (item_id) VALUES ($1) RETURNING id',
      [itemId],
    )
    await client.query('COMMIT')
    return { kind: 'placed', order: { id: order.rows[0]?.id as number, itemId } }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}
