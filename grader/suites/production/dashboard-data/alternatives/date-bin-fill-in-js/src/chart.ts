import type { SeriesPoint, StatsRange } from './stats-range.ts'

/** Bars on an ordinal x axis: ISO 8601 UTC starts sort in time order as text. */
export function ordersChart(range: StatsRange, series: SeriesPoint[]): object {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `Orders per ${range.bucket} (UTC)`,
    data: {
      values: series.map((p) => ({ bucket: p.start, count: p.orders, revenue: p.revenueCents / 100 })),
    },
    mark: 'bar',
    width: { step: 18 },
    height: 200,
    encoding: {
      x: { field: 'bucket', type: 'ordinal', sort: 'ascending', axis: { labelAngle: -60 } },
      y: { field: 'count', type: 'quantitative', title: 'orders' },
      tooltip: [{ field: 'bucket' }, { field: 'count' }, { field: 'revenue', format: '.2f' }],
    },
  }
}
