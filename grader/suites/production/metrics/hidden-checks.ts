import { setTimeout as sleep } from 'node:timers/promises'
import { type ApiCheckContext, type PromScrape, send, sumWhere } from '@backend-labs/http-kit'
import { defineChecks, fail } from '@backend-labs/lab-kit'
import {
  COUNTER,
  catalogApp,
  HISTOGRAM,
  REQUIRED_BUCKETS,
  scrape,
} from '../../../../labs/production/metrics/catalog-metrics.ts'

interface Traffic {
  method: string
  path: string
  route: string
  status: string
  times: number
  body?: unknown
}

/** Known traffic: every (method, route, status) the counter must show, and how often. */
const TRAFFIC: Traffic[] = [
  { method: 'GET', path: '/products', route: '/products', status: '200', times: 4 },
  { method: 'GET', path: '/products/1', route: '/products/:id', status: '200', times: 3 },
  { method: 'GET', path: '/products/999', route: '/products/:id', status: '404', times: 2 },
  {
    method: 'POST',
    path: '/products',
    route: '/products',
    status: '201',
    times: 2,
    body: { name: 'Tamper', priceCents: 2500 },
  },
  {
    method: 'POST',
    path: '/products',
    route: '/products',
    status: '400',
    times: 3,
    body: { name: 'No price' },
  },
]

const delta = (before: PromScrape, after: PromScrape, name: string, match: Record<string, string>) =>
  sumWhere(after, name, match) - sumWhere(before, name, match)

const describe = (t: Traffic) => `${t.method} ${t.route} answered ${t.status}`

/** JSON objects among the app's log lines. */
function jsonLines(logs: string): Record<string, unknown>[] {
  return logs.split('\n').flatMap((line) => {
    const start = line.indexOf('{')
    if (start < 0) return []
    try {
      const value = JSON.parse(line.slice(start))
      return value && typeof value === 'object' ? [value as Record<string, unknown>] : []
    } catch {
      return []
    }
  })
}

export const hiddenChecks = defineChecks<ApiCheckContext>('hidden', [
  {
    id: 'request-counts',
    title: `${COUNTER} counts every request exactly, by method, route pattern and real status`,
    points: 3,
    timeoutMs: 60_000,
    needs: ['metrics-endpoint'],
    async run(ctx) {
      const app = await catalogApp(ctx)
      const before = await scrape(app.url)
      await Promise.all(
        TRAFFIC.flatMap((t) =>
          Array.from({ length: t.times }, () =>
            send(app.url, {
              method: t.method,
              path: t.path,
              body: t.body,
              label: describe(t),
              timeoutMs: 15_000,
            }),
          ),
        ),
      )
      const after = await scrape(app.url)
      const wrong = TRAFFIC.flatMap((t) => {
        const n = delta(before, after, COUNTER, { method: t.method, route: t.route, status: t.status })
        return n === t.times ? [] : [`${describe(t)}: +${n} instead of +${t.times}`]
      })
      if (wrong.length)
        fail({
          expected: `${COUNTER}{method, route, status} to grow by exactly the requests sent, with the route pattern (e.g. /products/:id) and the status actually sent`,
          found: wrong.join('; '),
          hint: "increment once per response, when it finishes (res.on('finish')), with res.statusCode and the matched route's pattern",
        })
    },
  },
  {
    id: 'latency-histogram',
    title: `${HISTOGRAM} records each request's duration in seconds, in the right buckets`,
    points: 2,
    timeoutMs: 60_000,
    needs: ['metrics-endpoint'],
    async run(ctx) {
      const app = await catalogApp(ctx)
      const route = { route: '/reports/daily' }
      const before = await scrape(app.url)
      await Promise.all(
        [1, 2, 3].map(() =>
          send(app.url, { path: '/reports/daily', label: 'GET /reports/daily', timeoutMs: 15_000 }),
        ),
      )
      const after = await scrape(app.url)
      const les = new Set((after.samples.get(`${HISTOGRAM}_bucket`) ?? []).map((s) => s.labels.le))
      const missing = REQUIRED_BUCKETS.filter((le) => !les.has(le))
      const count = delta(before, after, `${HISTOGRAM}_count`, route)
      const inf = delta(before, after, `${HISTOGRAM}_bucket`, { ...route, le: '+Inf' })
      const fast = delta(before, after, `${HISTOGRAM}_bucket`, { ...route, le: '0.25' })
      const sum = delta(before, after, `${HISTOGRAM}_sum`, route)
      const problems = [
        ...(missing.length ? [`no bucket le=${missing.join(', le=')}`] : []),
        ...(count !== 3 || inf !== 3 ? [`_count +${count} and le="+Inf" +${inf} for 3 requests`] : []),
        ...(fast !== 0 ? [`${fast} of them in le="0.25", though each takes at least 0.3 s`] : []),
        ...(sum < 0.9 || sum > 30
          ? [`_sum +${Math.round(sum * 1000) / 1000} s for 3 requests of at least 0.3 s each`]
          : []),
      ]
      if (problems.length)
        fail({
          expected: `3 requests to GET /reports/daily (about 0.3 s each) recorded in ${HISTOGRAM}{route="/reports/daily"} in seconds, with buckets ${REQUIRED_BUCKETS.join(', ')}`,
          found: problems.join('; '),
          hint: 'start the timer when the request arrives, observe when the response finishes, and observe seconds, not milliseconds',
        })
    },
  },
  {
    id: 'json-logs',
    title: 'Each request is logged as one JSON line with its request id, method, path, status and duration',
    points: 2,
    timeoutMs: 30_000,
    needs: ['builds'],
    async run(ctx) {
      const app = await catalogApp(ctx)
      const given = `log-check-${Date.now()}`
      await send(app.url, {
        path: '/products/999',
        headers: { 'x-request-id': given },
        label: 'GET /products/999 with an X-Request-Id',
      })
      const generated = (
        await send(app.url, { path: '/products', label: 'GET /products without an id' })
      ).headers.get('x-request-id')
      let lines: Record<string, unknown>[] = []
      for (let i = 0; i < 20; i++) {
        lines = jsonLines(await app.logs())
        if (lines.some((l) => l.requestId === given) && lines.some((l) => l.requestId === generated)) break
        await sleep(200)
      }
      const line = lines.find((l) => l.requestId === given)
      if (!line)
        return fail({
          expected: `a JSON log line with "requestId": "${given}" for a request that sent that X-Request-Id`,
          found: lines.length ? `${lines.length} JSON lines, none with that requestId` : 'no JSON log lines',
          hint: 'log one JSON object per request, e.g. console.log(JSON.stringify({ requestId, method, path, status, durationMs }))',
        })
      const ok =
        line.method === 'GET' &&
        line.path === '/products/999' &&
        line.status === 404 &&
        typeof line.durationMs === 'number'
      if (!ok)
        fail({
          expected:
            'that line to have "method": "GET", "path": "/products/999", "status": 404 (a number) and a numeric "durationMs"',
          found: JSON.stringify({
            method: line.method,
            path: line.path,
            status: line.status,
            durationMs: line.durationMs,
          }),
        })
      // a missing X-Request-Id on the answer is the request-id check's to report
      if (generated && !lines.some((l) => l.requestId === generated))
        fail({
          expected:
            'a request without X-Request-Id to be logged under the id that was generated and sent back',
          found: `no JSON log line with "requestId": "${generated}"`,
        })
    },
  },
])
