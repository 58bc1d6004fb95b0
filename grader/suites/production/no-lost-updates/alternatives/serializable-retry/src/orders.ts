import { setTimeout as sleep } from 'node:timers/promises'
import { chargePayment } from './payment.ts'
import type { Pool } from './pg-client.ts'

export type OrderResult =
  | { kind: 'placed'; order: { id: number; itemId: number } }
  | { kind: 'sold-out' }
  | { kind: 'no-such-item' }

const MAX_ATTEMPTS = 200
/** SQLSTATE of a serialization failure and of a detected deadlock: both mean "run it again". */
const RETRYABLE = new Set(['40001', '40P01'])

async function attemptOrder(pool: Pool, itemId: number): Promise<OrderResult> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE')
    const { rows } = await client.query<{ stock: number }>('SELECT stock FROM items WHERE id = $1', [itemId])
    const item = rows[0]
    if (!item || item.stock < 1) {
      await client.query('ROLLBACK')
      return item ? { kind: 'sold-out' } : { kind: 'no-such-item' }
    }
    await client.query('UPDATE items SET stock = $1 WHERE id = $2', [item.stock - 1, itemId])
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

/**
 * Runs the read-check-write as a SERIALIZABLE transaction: PostgreSQL aborts all but one of the
 * transactions that raced on the same row, and an aborted one is simply run again. The payment is
 * charged once the unit is ours.
 */
export async function placeOrder(pool: Pool, itemId: number): Promise<OrderResult> {
  for (let attempt = 0; ; attempt++) {
    try {
      const result = await attemptOrder(pool, itemId)
      if (result.kind === 'placed') await chargePayment(itemId)
      return result
    } catch (error) {
      const code = (error as { code?: string }).code
      if (!(code && RETRYABLE.has(code)) || !(attempt < MAX_ATTEMPTS)) throw error
      await sleep(Math.random() * 5 * Math.min(attempt + 1, 10))
    }
  }
}
