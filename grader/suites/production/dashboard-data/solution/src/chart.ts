import type { SeriesPoint, StatsRange } from './stats-range.ts'

/**
 * A Vega-Lite bar chart of the orders per bucket. The series travels inline (`data.values`), so the
 * chart shows exactly the numbers of this response; x is the bucket start in UTC.
 */
export function ordersChart(range: StatsRange, series: SeriesPoint[]): object {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `Orders per ${range.bucket} (UTC), ${range.from.toISOString()} to ${range.to.toISOString()}`,
    width: 640,
    height: 240,
    data: { values: series },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      x: {
        field: 'start',
        type: 'temporal',
        timeUnit: range.bucket === 'hour' ? 'utcyearmonthdatehours' : 'utcyearmonthdate',
        title: `${range.bucket} (UTC)`,
      },
      y: { field: 'orders', type: 'quantitative', title: 'orders' },
    },
  }
}
