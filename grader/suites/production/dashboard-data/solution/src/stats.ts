import type { Pool } from './pg-client.ts'
import type { SeriesPoint, StatsRange } from './stats-range.ts'

const STEP = { hour: '1 hour', day: '1 day' } as const

/**
 * One row per bucket, counted by PostgreSQL. The buckets are generated as UTC wall-clock
 * timestamps (`timestamp` without time zone), so neither the session's time zone nor its daylight
 * saving switch moves a boundary; each is turned back into an instant (`AT TIME ZONE 'UTC'`) to
 * compare with `created_at`. The LEFT JOIN keeps the empty buckets, with count 0 and sum 0.
 */
const SERIES_SQL = `
  SELECT s.start AT TIME ZONE 'UTC' AS start,
         count(o.id)::int AS orders,
         coalesce(sum(o.total_cents), 0)::int8 AS revenue_cents
    FROM generate_series($1::timestamptz AT TIME ZONE 'UTC',
                         $2::timestamptz AT TIME ZONE 'UTC' - $3::interval,
                         $3::interval) AS s (start)
    LEFT JOIN orders o
      ON o.created_at >= (s.start AT TIME ZONE 'UTC')
     AND o.created_at < ((s.start + $3::interval) AT TIME ZONE 'UTC')
   GROUP BY s.start
   ORDER BY s.start`

/** Orders and revenue per bucket over the range, every bucket listed, empty ones with 0. */
export async function ordersSeries(pool: Pool, range: StatsRange): Promise<SeriesPoint[]> {
  const { rows } = await pool.query<{ start: Date; orders: number; revenue_cents: string }>(SERIES_SQL, [
    range.from.toISOString(),
    range.to.toISOString(),
    STEP[range.bucket],
  ])
  // pg returns a timestamptz as a Date (an instant) and a bigint as a string
  return rows.map((row) => ({
    start: row.start.toISOString(),
    orders: row.orders,
    revenueCents: Number(row.revenue_cents),
  }))
}
