import {
  type ApiCheckContext,
  expectJsonObject,
  expectStatus,
  type RunningApp,
  type RunningService,
  send,
} from '@backend-labs/http-kit'
import { fail } from '@backend-labs/lab-kit'

export const DB_ALIAS = 'db'
/** The payment provider's delay the grader sets (PAYMENT_DELAY_MS): long enough to interleave orders. */
export const PAYMENT_DELAY_MS = 20

/** The grader's database and the shop connected to it (a second replica under `key`). */
export async function shopWithDatabase(
  ctx: ApiCheckContext,
  key = 'app',
): Promise<{ db: RunningService; app: RunningApp }> {
  const db = await ctx.docker.service('postgres', { alias: DB_ALIAS })
  const app = await ctx.docker.app({
    key,
    env: { ...db.connectionEnv, PAYMENT_DELAY_MS: String(PAYMENT_DELAY_MS) },
    readiness: { kind: 'http', path: '/health' },
  })
  return { db, app }
}

/** Creates an item with `stock` units and returns its id. */
export async function createItem(url: string, name: string, stock: number): Promise<number> {
  const x = await send(url, {
    method: 'POST',
    path: '/items',
    body: { name, stock },
    label: `creating an item with ${stock} in stock`,
  })
  expectStatus(x, 201, 'keep POST /items as the starter has it')
  const id = expectJsonObject(x).id
  if (typeof id !== 'number')
    fail({ expected: 'the new item with a numeric "id"', found: JSON.stringify(id) })
  return id
}

/** The stock GET /items/:id reports. */
export async function stockOf(url: string, itemId: number, label: string): Promise<number> {
  const x = await send(url, { path: `/items/${itemId}`, label })
  expectStatus(x, 200, 'keep GET /items/:id as the starter has it')
  const stock = expectJsonObject(x).stock
  if (typeof stock !== 'number')
    fail({ expected: `a numeric "stock" for ${label}`, found: JSON.stringify(stock) })
  return stock
}

/** Places one order and returns the answer's status. */
export async function order(url: string, itemId: number, label: string): Promise<number> {
  const x = await send(url, { method: 'POST', path: '/orders', body: { itemId }, label, timeoutMs: 10_000 })
  return x.status
}
