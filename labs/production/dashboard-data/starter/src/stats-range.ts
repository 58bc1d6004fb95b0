export type Bucket = 'hour' | 'day'

/** The buckets asked for: every `bucket` that starts at or after `from` and before `to` (UTC). */
export interface StatsRange {
  from: Date
  to: Date
  bucket: Bucket
}

/** One bucket of the series: orders placed in [start, start + bucket) and their total in cents. */
export interface SeriesPoint {
  start: string
  orders: number
  revenueCents: number
}

export const BUCKET_MS: Record<Bucket, number> = { hour: 3_600_000, day: 86_400_000 }
const MAX_BUCKETS = 1000

/** Reads `from`, `to` and `bucket` from a query string, or says what is wrong with them. */
export function parseStatsRange(query: URLSearchParams): StatsRange | { error: string } {
  const bucket = query.get('bucket')
  if (bucket !== 'hour' && bucket !== 'day') return { error: 'bucket must be hour or day' }
  const from = instant(query.get('from'))
  const to = instant(query.get('to'))
  if (!from || !to)
    return { error: 'from and to must be ISO 8601 instants with a time zone, e.g. 2026-03-07T00:00:00Z' }
  const step = BUCKET_MS[bucket]
  if (from.getTime() % step !== 0 || to.getTime() % step !== 0)
    return { error: `from and to must fall on ${bucket} boundaries in UTC` }
  if (to <= from) return { error: 'to must be after from' }
  if ((to.getTime() - from.getTime()) / step > MAX_BUCKETS) return { error: `at most ${MAX_BUCKETS} buckets` }
  return { from, to, bucket }
}

function instant(text: string | null): Date | undefined {
  if (!text || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text))
    return undefined
  const date = new Date(text)
  return Number.isNaN(date.getTime()) ? undefined : date
}
