import { type ApiCheckContext, describeStatuses, sendBurst } from '@backend-labs/http-kit'
import { defineChecks, fail } from '@backend-labs/lab-kit'
import { createItem, shopWithDatabase } from '../../../../labs/production/no-lost-updates/shop-api.ts'
import { itemTruth } from './database-view.ts'

const STOCK = 50
const BUYERS = 200
const ROUNDS = 3
/** Each order starts after its own random delay up to this: a different interleaving every round. */
const START_JITTER_MS = 40

/**
 * One round: a fresh item with 50 in stock, 200 orders at once spread over `urls`, then the answers
 * and the database must agree: exactly 50 × 201, 150 × 409, stock 0 and 50 order rows.
 */
async function sellOut(ctx: ApiCheckContext, urls: string[], round: string): Promise<void> {
  const { db } = await shopWithDatabase(ctx)
  const itemId = await createItem(urls[0] as string, `Limited print (${round})`, STOCK)
  const requests = Array.from({ length: BUYERS }, (_, i) => ({
    url: new URL('/orders', urls[i % urls.length]).href,
    body: { itemId },
  }))
  const outcome = await sendBurst(requests, { startJitterMs: START_JITTER_MS, timeoutMs: 60_000 })
  const truth = await itemTruth(db, itemId)
  const placed = outcome.statuses.get(201) ?? 0
  const soldOut = outcome.statuses.get(409) ?? 0
  const where = `${BUYERS} orders at once for ${STOCK} items (${round})`
  if (placed === STOCK && soldOut === BUYERS - STOCK && truth.stock === 0 && truth.orders === STOCK) return
  const problems: string[] = []
  if (truth.stock === null)
    problems.push(
      `item ${itemId} has no stock in the database any more (its row is gone or its stock is NULL)`,
    )
  else if (truth.stock + truth.orders !== STOCK)
    problems.push(
      `lost updates: stock ${truth.stock} + ${truth.orders} orders ≠ ${STOCK} (some decrements overwrote others)`,
    )
  if (truth.orders > STOCK) problems.push(`oversold: ${truth.orders} orders recorded for ${STOCK} items`)
  if (placed !== truth.orders)
    problems.push(`${placed} answers said 201 but ${truth.orders} orders are stored`)
  fail({
    expected: `exactly ${STOCK} × 201 and ${BUYERS - STOCK} × 409; then stock 0 and ${STOCK} orders in the database`,
    found: `answers: ${describeStatuses(outcome)}; database: stock ${truth.stock ?? 'missing'}, ${truth.orders} orders${problems.length ? ` (${problems.join('; ')})` : ''}`,
    where,
    hint: 'make taking a unit from stock atomic in the database: a conditional UPDATE … WHERE stock > 0, SELECT … FOR UPDATE in a transaction, or SERIALIZABLE with a retry',
  })
}

export const concurrencyChecks = defineChecks<ApiCheckContext>('hidden', [
  {
    id: 'concurrent-orders',
    title: `${BUYERS} orders at once for ${STOCK} items sell exactly ${STOCK}, ${ROUNDS} times over`,
    points: 4,
    timeoutMs: 300_000,
    needs: ['places-order', 'sold-out'],
    async run(ctx) {
      const { app } = await shopWithDatabase(ctx)
      for (let round = 1; round <= ROUNDS; round++)
        await sellOut(ctx, [app.url], `round ${round} of ${ROUNDS}`)
    },
  },
  {
    id: 'two-replicas',
    title: `Two replicas of the app on one database still sell exactly ${STOCK}`,
    points: 3,
    timeoutMs: 240_000,
    needs: ['concurrent-orders'],
    async run(ctx) {
      const { app } = await shopWithDatabase(ctx)
      const { app: replica } = await shopWithDatabase(ctx, 'replica-2')
      for (let round = 1; round <= 2; round++)
        await sellOut(ctx, [app.url, replica.url], `two replicas, round ${round} of 2`)
    },
  },
])
