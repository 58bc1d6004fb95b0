import type { StatsQuery } from '../../../../labs/production/dashboard-data/dashboard-api.ts'
import type { SeedOrder } from '../../../../labs/production/dashboard-data/order-seed.ts'

/** What a bucket must hold, computed by the grader from the rows it wrote (never asked of the database). */
export interface TruePoint {
  startMs: number
  orders: number
  revenueCents: number
}

export const BUCKET_MS = { hour: 3_600_000, day: 86_400_000 } as const

/** Every bucket from `from` (inclusive) to `to` (exclusive), UTC, with the seed's orders counted in it. */
export function trueSeries(orders: readonly SeedOrder[], query: StatsQuery): TruePoint[] {
  const step = BUCKET_MS[query.bucket]
  const from = Date.parse(query.from)
  const to = Date.parse(query.to)
  const points: TruePoint[] = []
  for (let start = from; start < to; start += step)
    points.push({ startMs: start, orders: 0, revenueCents: 0 })
  for (const order of orders) {
    const at = Date.parse(order.createdAt)
    if (Number.isNaN(at)) throw new RangeError(`seed order ${order.createdAt} is not an instant`)
    if (at < from || at >= to) continue
    const point = points[Math.floor((at - from) / step)] as TruePoint
    point.orders += 1
    point.revenueCents += order.totalCents
  }
  return points
}

export function iso(ms: number): string {
  return new Date(ms).toISOString()
}
