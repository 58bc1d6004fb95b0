import { chargePayment } from './payment.ts'
import type { Pool } from './pg-client.ts'

export type OrderResult =
  | { kind: 'placed'; order: { id: number; itemId: number } }
  | { kind: 'sold-out' }
  | { kind: 'no-such-item' }

/** Places one order for one unit of an item: takes it from stock, charges, records the order. */
export async function placeOrder(pool: Pool, itemId: number): Promise<OrderResult> {
  const { rows } = await pool.query<{ stock: number }>('SELECT stock FROM items WHERE id = $1', [itemId])
  const item = rows[0]
  if (!item) return { kind: 'no-such-item' }
  if (item.stock < 1) return { kind: 'sold-out' }

  await chargePayment(itemId)

  await pool.query('UPDATE items SET stock = $1 WHERE id = $2', [item.stock - 1, itemId])
  const order = await pool.query<{ id: number }>('INSERT INTO orders (item_id) VALUES ($1) RETURNING id', [
    itemId,
  ])
  return { kind: 'placed', order: { id: order.rows[0]?.id as number, itemId } }
}
