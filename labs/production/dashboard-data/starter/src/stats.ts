import type { Pool } from './pg-client.ts'
import type { SeriesPoint, StatsRange } from './stats-range.ts'

/** Orders and revenue per bucket over the range. */
export async function ordersSeries(pool: Pool, range: StatsRange): Promise<SeriesPoint[]> {
  const { rows } = await pool.query<{ created_at: Date; total_cents: number }>(
    'SELECT created_at, total_cents FROM orders ORDER BY created_at',
  )
  const buckets = new Map<string, SeriesPoint>()
  for (const row of rows) {
    const at = row.created_at
    if (at < range.from || at > range.to) continue
    const start =
      range.bucket === 'hour'
        ? new Date(at.getFullYear(), at.getMonth(), at.getDate(), at.getHours())
        : new Date(at.getFullYear(), at.getMonth(), at.getDate())
    const key = start.toISOString()
    const point = buckets.get(key) ?? { start: key, orders: 0, revenueCents: 0 }
    point.orders += 1
    point.revenueCents += row.total_cents
    buckets.set(key, point)
  }
  return [...buckets.values()]
}
