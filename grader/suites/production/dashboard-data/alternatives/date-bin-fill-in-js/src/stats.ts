import type { Pool } from './pg-client.ts'
import { BUCKET_MS, type SeriesPoint, type StatsRange } from './stats-range.ts'

/**
 * date_bin() on a timestamptz steps in absolute time from a UTC origin, so its buckets are UTC
 * whatever the session's time zone. Only buckets with orders come back; JavaScript fills the rest.
 */
const SERIES_SQL = `
  SELECT date_bin($3::interval, created_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS start,
         count(*)::int AS orders,
         sum(total_cents)::int8 AS revenue_cents
    FROM orders
   WHERE created_at >= $1::timestamptz AND created_at < $2::timestamptz
   GROUP BY 1
   ORDER BY 1`

function fillGaps(range: StatsRange, found: Map<number, SeriesPoint>): SeriesPoint[] {
  const series: SeriesPoint[] = []
  const step = BUCKET_MS[range.bucket]
  for (let at = range.from.getTime(); at < range.to.getTime(); at += step)
    series.push(found.get(at) ?? { start: new Date(at).toISOString(), orders: 0, revenueCents: 0 })
  return series
}

export async function ordersSeries(pool: Pool, range: StatsRange): Promise<SeriesPoint[]> {
  const { rows } = await pool.query<{ start: Date; orders: number; revenue_cents: string }>(SERIES_SQL, [
    range.from.toISOString(),
    range.to.toISOString(),
    `${BUCKET_MS[range.bucket] / 1000} seconds`,
  ])
  const found = new Map<number, SeriesPoint>()
  for (const row of rows)
    found.set(row.start.getTime(), {
      start: row.start.toISOString(),
      orders: row.orders,
      revenueCents: Number(row.revenue_cents),
    })
  return fillGaps(range, found)
}
