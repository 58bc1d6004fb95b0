import type { SeriesPoint, StatsRange } from './stats-range.ts'

/** A Vega-Lite specification of the orders series. */
export function ordersChart(range: StatsRange, _series: SeriesPoint[]): object {
  const query = `from=${range.from.toISOString()}&to=${range.to.toISOString()}&bucket=${range.bucket}`
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { url: `/api/stats/orders?${query}`, format: { property: 'series' } },
    mark: 'line',
    encoding: {
      x: { field: 'start', type: 'temporal' },
      y: { field: 'orders', type: 'quantitative' },
    },
  }
}
