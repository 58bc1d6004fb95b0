import { type ApiCheckContext, expectStatus, send } from '@backend-labs/http-kit'
import { defineChecks, fail } from '@backend-labs/lab-kit'
import { BASE_IMAGE } from '../../docker/containerise-api/base-image.ts'
import { dashboardWithDatabase, fetchSeries, type StatsQuery, statsPath } from './dashboard-api.ts'

/** One UTC day in hours: the shape of the answer, not yet its numbers (hidden checks compare those). */
const ONE_DAY: StatsQuery = { from: '2026-03-06T00:00:00Z', to: '2026-03-07T00:00:00Z', bucket: 'hour' }

/** Requests the README says must be refused with 400, each with why. */
const BAD_QUERIES: { query: string; why: string }[] = [
  { query: 'from=2026-03-06T00:00:00Z&to=2026-03-07T00:00:00Z&bucket=week', why: 'bucket=week' },
  { query: 'to=2026-03-07T00:00:00Z&bucket=hour', why: 'no from' },
  { query: 'from=yesterday&to=2026-03-07T00:00:00Z&bucket=hour', why: 'from=yesterday' },
  { query: 'from=2026-03-07T00:00:00Z&to=2026-03-06T00:00:00Z&bucket=day', why: 'to before from' },
  {
    query: 'from=2026-03-06T00:30:00Z&to=2026-03-07T00:00:00Z&bucket=hour',
    why: 'from not on an hour boundary',
  },
  { query: 'from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&bucket=hour', why: 'more than 1000 buckets' },
]

export default defineChecks<ApiCheckContext>('public', [
  {
    id: 'builds',
    title: `The Dockerfile builds from ${BASE_IMAGE} (npm ci installs pg)`,
    points: 1,
    timeoutMs: 240_000,
    hints: ['Run `docker build .` in your workspace to see the same error.'],
    async run(ctx) {
      await ctx.docker.image()
    },
  },
  {
    id: 'series-shape',
    title:
      'GET /api/stats/orders answers 200 with a series of {start, orders, revenueCents}; /chart answers 200',
    points: 1,
    timeoutMs: 480_000,
    needs: ['builds'],
    async run(ctx) {
      const { app } = await dashboardWithDatabase(ctx)
      const series = await fetchSeries(app.url, ONE_DAY, 'the orders of one UTC day in hours')
      if (series.length === 0)
        fail({
          expected: 'a non-empty series for a day with orders',
          found: 'an empty "series"',
          hint: 'return one entry per bucket',
        })
      const check = await send(app.url, {
        path: statsPath(ONE_DAY, true),
        label: 'the chart of one UTC day in hours',
      })
      expectStatus(check, 200, 'serve the Vega-Lite specification at /api/stats/orders/chart')
    },
  },
  {
    id: 'rejects-bad-parameters',
    title: 'A bad bucket, date or range is refused with 400',
    points: 1,
    timeoutMs: 120_000,
    needs: ['builds'],
    async run(ctx) {
      const { app } = await dashboardWithDatabase(ctx)
      const wrong: string[] = []
      for (const bad of BAD_QUERIES) {
        const x = await send(app.url, { path: `/api/stats/orders?${bad.query}`, label: bad.why })
        if (x.status !== 400) wrong.push(`${bad.why}: ${x.status}`)
      }
      if (wrong.length)
        fail({
          expected: `status 400 for each of: ${BAD_QUERIES.map((b) => b.why).join(', ')}`,
          found: wrong.join('; '),
          hint: 'keep parseStatsRange() from the starter, or refuse the same requests',
        })
    },
  },
])
