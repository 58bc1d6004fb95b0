import type { ApiCheckContext } from '@backend-labs/http-kit'
import { defineChecks, EnvironmentError, fail } from '@backend-labs/lab-kit'
import {
  type AnsweredPoint,
  dashboardWithDatabase,
  describeQuery,
  fetchSeries,
  type StatsQuery,
} from '../../../../labs/production/dashboard-data/dashboard-api.ts'
import { psql } from '../../../../labs/production/dashboard-data/database-exec.ts'
import { SEED_ORDERS } from '../../../../labs/production/dashboard-data/order-seed.ts'
import { iso, trueSeries } from './series-truth.ts'
import { databaseSentBytes, resetStatementStats, statementStats } from './statement-stats.ts'
import {
  BULK_ORDERS,
  BULK_WEEK,
  DAY_QUERIES,
  FRESH_DAY,
  FRESH_ORDER,
  HOUR_QUERIES,
  WEEK,
} from './stats-ranges.ts'

/** Rows the app's queries may return for one request beyond one per bucket (a count, a schema read…). */
export const ROW_MARGIN = 10
/**
 * What PostgreSQL may send (bytes on the wire, TCP included) to answer one request: a few statements
 * (or a connection's start-up), plus a row per bucket. The reference sends about 530 bytes; the
 * grader's 5,000 orders in one row (json_agg, array_agg) would be many times the limit.
 */
const BYTES_AT_MOST_BASE = 2048
const BYTES_AT_MOST_PER_BUCKET = 128

const list = (items: string[]) =>
  items.slice(0, 3).join(', ') + (items.length > 3 ? ` and ${items.length - 3} more` : '')

/** The bucket starts answered must be exactly the truth's, in order: missing, extra or misplaced ones are named. */
function expectBucketList(query: StatsQuery, answered: AnsweredPoint[]): void {
  const truth = trueSeries(SEED_ORDERS, query)
  const expected = truth.map((p) => p.startMs)
  const found = answered.map((p) => p.startMs)
  if (expected.length === found.length && expected.every((ms, i) => ms === found[i])) return
  const missing = expected.filter((ms) => !found.includes(ms))
  const extra = found.filter((ms) => !expected.includes(ms))
  const problems: string[] = []
  if (missing.length) {
    const empty = missing.filter((ms) => truth.find((p) => p.startMs === ms)?.orders === 0)
    problems.push(
      `missing ${list(missing.map(iso))}${empty.length === missing.length ? ' (all of them empty buckets)' : ''}`,
    )
  }
  if (extra.length)
    problems.push(`not in the range or not on a UTC ${query.bucket} boundary: ${list(extra.map(iso))}`)
  if (!missing.length && !extra.length) problems.push('the same buckets, but not once each in time order')
  const hints: string[] = []
  if (missing.length) hints.push('list every bucket, empty ones with 0 (generate_series, or fill the gaps)')
  if (extra.includes(Date.parse(query.to)))
    hints.push('`to` is exclusive: the last bucket starts one bucket before it')
  if (extra.length && !extra.includes(Date.parse(query.to)))
    hints.push('buckets start at UTC boundaries, whatever the time zone of the database or the container')
  fail({
    expected: `${expected.length} buckets, ${iso(expected[0] ?? 0)} to ${iso(expected.at(-1) ?? 0)}, one per ${query.bucket}`,
    found: `${found.length} buckets: ${problems.join('; ')}`,
    where: describeQuery(query),
    hint: hints.join('; '),
  })
}

/** Every bucket's orders and revenue must equal the truth (the bucket list is already right). */
function expectValues(query: StatsQuery, answered: AnsweredPoint[]): void {
  const truth = trueSeries(SEED_ORDERS, query)
  const wrong = truth.flatMap((t, i) => {
    const a = answered[i]
    if (a && a.orders === t.orders && a.revenueCents === t.revenueCents) return []
    return [
      `${iso(t.startMs)}: ${a?.orders} orders, ${a?.revenueCents} cents (expected ${t.orders}, ${t.revenueCents})`,
    ]
  })
  if (wrong.length)
    fail({
      expected: 'each bucket to count the orders with start ≤ created_at < start + bucket, in UTC',
      found: `${wrong.length} of ${truth.length} buckets differ: ${list(wrong)}`,
      where: describeQuery(query),
      hint: 'compare instants, not local times: the database session and the container are not in UTC',
    })
}

async function eachQuery(
  ctx: ApiCheckContext,
  queries: StatsQuery[],
  expect: typeof expectValues,
): Promise<void> {
  const { app } = await dashboardWithDatabase(ctx)
  for (const query of queries) expect(query, await fetchSeries(app.url, query, describeQuery(query)))
}

export const seriesChecks = defineChecks<ApiCheckContext>('hidden', [
  {
    id: 'bucket-list',
    title: 'Every bucket of the range is listed once, in order, at UTC boundaries, `to` excluded',
    points: 2,
    timeoutMs: 120_000,
    needs: ['series-shape'],
    run: (ctx) => eachQuery(ctx, [...HOUR_QUERIES, ...DAY_QUERIES], expectBucketList),
  },
  {
    id: 'hourly-values',
    title: 'Hourly buckets hold the right orders and revenue (across midnight UTC, boundaries, offsets)',
    points: 2,
    timeoutMs: 120_000,
    needs: ['bucket-list'],
    run: (ctx) => eachQuery(ctx, HOUR_QUERIES, expectValues),
  },
  {
    id: 'daily-values',
    title: 'Daily buckets hold the right orders and revenue (UTC days, across a DST switch)',
    points: 2,
    timeoutMs: 120_000,
    needs: ['bucket-list'],
    run: (ctx) => eachQuery(ctx, DAY_QUERIES, expectValues),
  },
])

/** Runs last: it adds an order to the grader's database. */
export const databaseChecks = defineChecks<ApiCheckContext>('hidden', [
  {
    id: 'in-database',
    title: `The series is computed in the database at each request (at most one row per bucket + ${ROW_MARGIN})`,
    points: 2,
    timeoutMs: 120_000,
    needs: ['series-shape'],
    async run(ctx) {
      const { db, app } = await dashboardWithDatabase(ctx)
      const buckets = trueSeries([], BULK_WEEK).length
      const bulk = await psql(
        db,
        `INSERT INTO orders (created_at, total_cents) SELECT timestamptz '${BULK_WEEK.from}' + i * interval '2 minutes', 100 + (i * 37) % 9000 FROM generate_series(0, ${BULK_ORDERS - 1}) AS i; SELECT 'inserted'`,
      )
      if (!bulk?.includes('inserted'))
        throw new EnvironmentError(
          `The grader could not add its orders (${bulk ?? 'no output'}).`,
          'This is not your fault.',
        )
      // unmeasured: opens the app's connections (a pool's start-up is not what is judged)
      await fetchSeries(app.url, WEEK, describeQuery(WEEK))
      await resetStatementStats(db)
      const sentBefore = await databaseSentBytes(db)
      await fetchSeries(app.url, BULK_WEEK, describeQuery(BULK_WEEK))
      const sent = (await databaseSentBytes(db)) - sentBefore
      const stats = await statementStats(db)
      ctx.log(`PostgreSQL ran ${stats.calls} statements, returned ${stats.rows} rows and sent ${sent} bytes`)
      const where = `${describeQuery(BULK_WEEK)}, a week the grader filled with ${BULK_ORDERS} orders`
      if (stats.calls === 0)
        fail({
          expected: 'the request to query the database',
          found: 'no statement reached PostgreSQL while it was answered',
          where,
          hint: 'compute the series at each request, so new orders show at once; do not keep the orders in memory',
        })
      if (stats.rows > buckets + ROW_MARGIN)
        fail({
          expected: `at most ${buckets + ROW_MARGIN} rows sent from PostgreSQL to the app (${buckets} buckets)`,
          found: `${stats.rows} rows (the range holds ${BULK_ORDERS} orders)`,
          where,
          hint: 'let the database group and count (GROUP BY, count(*), sum(…)); do not fetch the orders and count them in JavaScript',
        })
      const mostBytes = BYTES_AT_MOST_BASE + BYTES_AT_MOST_PER_BUCKET * buckets
      if (sent > mostBytes)
        fail({
          expected: `at most ${mostBytes} bytes sent from PostgreSQL to the app for ${buckets} buckets`,
          found: `${sent} bytes in ${stats.rows} rows: the orders themselves, packed into fewer rows`,
          where,
          hint: 'let the database group and count (GROUP BY, count(*), sum(…)); an aggregate of the orders (json_agg, array_agg) still sends every order',
        })
      const inserted = await psql(
        db,
        `INSERT INTO orders (created_at, total_cents) VALUES ('${FRESH_ORDER.createdAt}', ${FRESH_ORDER.totalCents}); SELECT 'inserted'`,
      )
      if (!inserted?.includes('inserted'))
        throw new EnvironmentError(
          `The grader could not add an order (${inserted ?? 'no output'}).`,
          'This is not your fault.',
        )
      const fresh = await fetchSeries(app.url, FRESH_DAY, `${describeQuery(FRESH_DAY)}, after one new order`)
      // only the day of the new order is judged here: the list of buckets is bucket-list's to judge
      const point = fresh.find((p) => p.startMs === Date.parse(FRESH_DAY.from))
      if (point?.orders !== 1 || point.revenueCents !== FRESH_ORDER.totalCents)
        fail({
          expected: `the bucket ${FRESH_DAY.from} with 1 order and ${FRESH_ORDER.totalCents} cents, just after that order was stored`,
          found: JSON.stringify(
            fresh.map((p) => ({ start: p.start, orders: p.orders, revenueCents: p.revenueCents })),
          ),
          where: describeQuery(FRESH_DAY),
          hint: 'read the orders at each request: a dashboard must show new orders',
        })
    },
  },
])
