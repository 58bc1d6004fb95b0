import { type ApiCheckContext, expectJsonObject, expectStatus, send } from '@backend-labs/http-kit'
import { defineChecks, fail } from '@backend-labs/lab-kit'
import {
  dashboardWithDatabase,
  describeQuery,
  type StatsQuery,
  statsPath,
} from '../../../../labs/production/dashboard-data/dashboard-api.ts'
import { SEED_ORDERS } from '../../../../labs/production/dashboard-data/order-seed.ts'
import { ChartRefused, type RenderedBar, renderChart } from './chart-render.ts'
import { iso, trueSeries } from './series-truth.ts'
import { ACROSS_MIDNIGHT, WEEK } from './stats-ranges.ts'

/** A bar may differ from its exact height by this many pixels, plus 1 % of the tallest bar. */
const HEIGHT_TOLERANCE_PX = 0.5

/** The bars left to right must be the buckets in time order, each as tall as its orders say. */
function expectBars(query: StatsQuery, bars: RenderedBar[], markTypes: string[]): void {
  const truth = trueSeries(SEED_ORDERS, query)
  const where = `the chart of ${describeQuery(query)}`
  if (bars.length !== truth.length)
    fail({
      expected: `a bar chart with ${truth.length} bars, one per bucket (empty buckets as 0-high bars)`,
      found: bars.length ? `${bars.length} bars` : `no bars (marks drawn: ${markTypes.join(', ') || 'none'})`,
      where,
      hint: 'mark "bar", with the whole zero-filled series inline in data.values',
    })
  const sorted = [...bars].sort((a, b) => a.x + a.width / 2 - (b.x + b.width / 2))
  const centres = sorted.map((b) => b.x + b.width / 2)
  if (centres.some((c, i) => i > 0 && c <= (centres[i - 1] as number)))
    fail({
      expected: 'one bar per bucket, side by side',
      found: 'bars drawn on top of each other',
      where,
      hint: 'x encodes the bucket start',
    })
  const tallest = Math.max(...sorted.map((b) => b.height))
  const most = Math.max(...truth.map((p) => p.orders))
  const wrong = truth.flatMap((p, i) => {
    const height = sorted[i]?.height ?? 0
    const exact = most === 0 ? 0 : (p.orders / most) * tallest
    return Math.abs(height - exact) <= HEIGHT_TOLERANCE_PX + tallest / 100
      ? []
      : [`${iso(p.startMs)} (${p.orders} orders): ${height.toFixed(1)} px, expected ${exact.toFixed(1)} px`]
  })
  if (wrong.length || (most > 0 && tallest === 0))
    fail({
      expected:
        'left to right, the buckets in time order, each bar as tall as its orders on a linear y scale from 0',
      found: `${wrong.length || truth.length} of ${truth.length} bars off: ${wrong.slice(0, 3).join('; ')}`,
      where,
      hint: 'x: the bucket start (temporal, UTC); y: the "orders" field (quantitative)',
    })
}

export const chartChecks = defineChecks<ApiCheckContext>('hidden', [
  {
    id: 'chart-marks',
    title: 'The Vega-Lite chart renders one bar per bucket, as tall as its orders',
    points: 3,
    timeoutMs: 120_000,
    needs: ['hourly-values', 'daily-values'],
    async run(ctx) {
      const { app } = await dashboardWithDatabase(ctx)
      for (const query of [ACROSS_MIDNIGHT, WEEK]) {
        const label = `the chart of ${describeQuery(query)}`
        const x = await send(app.url, { path: statsPath(query, true), label, timeoutMs: 30_000 })
        expectStatus(x, 200, 'serve the Vega-Lite specification at /api/stats/orders/chart')
        const spec = expectJsonObject(x)
        try {
          const chart = await renderChart(spec)
          expectBars(query, chart.bars, chart.markTypes)
        } catch (error) {
          if (!(error instanceof ChartRefused)) throw error
          fail({
            expected: 'a Vega-Lite specification that compiles and renders with its data inline',
            found: error.message,
            where: label,
          })
        }
      }
    },
  },
])
