import { describe, expect, it } from 'vitest'
import { parsePromText, sumWhere } from './prometheus-text.ts'

const PAGE = `# HELP http_requests_total Requests
# TYPE http_requests_total counter
http_requests_total{method="GET",route="/a",status="200"} 3
http_requests_total{method="GET",route="/a",status="404"} 1
# HELP d Latency
# TYPE d histogram
d_bucket{route="/a",le="0.1"} 2
d_bucket{route="/a",le="+Inf"} 3
d_sum{route="/a"} 0.5
d_count{route="/a"} 3
d_bucket{le="0.1",route="/b"} 1
d_bucket{le="+Inf",route="/b"} 1
d_sum{route="/b"} 0.05
d_count{route="/b"} 1`

describe('parsePromText', () => {
  it('reads every family type and keeps the labels of histogram samples', () => {
    const scrape = parsePromText(PAGE)
    expect(Object.fromEntries(scrape.types)).toEqual({ http_requests_total: 'counter', d: 'histogram' })
    expect(scrape.samples.get('d_bucket')).toEqual([
      { labels: { route: '/a', le: '0.1' }, value: 2 },
      { labels: { route: '/a', le: '+Inf' }, value: 3 },
      { labels: { le: '0.1', route: '/b' }, value: 1 },
      { labels: { le: '+Inf', route: '/b' }, value: 1 },
    ])
  })

  it('keeps the last sample of a page without a final newline', () => {
    expect(sumWhere(parsePromText(PAGE), 'd_count', { route: '/b' })).toBe(1)
  })

  it('sums the samples whose labels match', () => {
    const scrape = parsePromText(PAGE)
    expect(sumWhere(scrape, 'http_requests_total', { route: '/a' })).toBe(4)
    expect(sumWhere(scrape, 'http_requests_total', { status: '404' })).toBe(1)
    expect(sumWhere(scrape, 'http_requests_total', { status: '500' })).toBe(0)
  })
})
