import {
  type ApiCheckContext,
  expectStatus,
  type PromScrape,
  parsePromText,
  type RunningApp,
  send,
} from '@backend-labs/http-kit'
import { fail } from '@backend-labs/lab-kit'

export const COUNTER = 'http_requests_total'
export const HISTOGRAM = 'http_request_duration_seconds'
/** Buckets (seconds) the README asks the histogram to have at least. */
export const REQUIRED_BUCKETS = ['0.05', '0.1', '0.25', '0.5', '1', '2.5']

/** The learner's app. */
export function catalogApp(ctx: ApiCheckContext): Promise<RunningApp> {
  return ctx.docker.app({ readiness: { kind: 'http', path: '/health' } })
}

/** GET /metrics, parsed with a real Prometheus text-format parser; fails with what was wrong. */
export async function scrape(url: string): Promise<PromScrape> {
  const x = await send(url, { path: '/metrics', label: 'GET /metrics', timeoutMs: 15_000 })
  expectStatus(x, 200, 'serve the registry with `res.end(await register.metrics())`')
  const type = x.headers.get('content-type') ?? ''
  if (!type.startsWith('text/plain'))
    fail({
      expected: 'GET /metrics in the Prometheus text format (Content-Type text/plain; version=0.0.4)',
      found: type ? `Content-Type ${type}` : 'no Content-Type',
      hint: "set the header to prom-client's `register.contentType`",
    })
  let parsed: PromScrape
  try {
    parsed = parsePromText(x.text)
  } catch (error) {
    return fail({
      expected: 'GET /metrics in the Prometheus text format',
      found: `text a Prometheus parser rejects (${(error as Error).message})`,
      hint: "serve prom-client's `register.metrics()` unchanged",
    })
  }
  for (const [name, type] of [
    [COUNTER, 'counter'],
    [HISTOGRAM, 'histogram'],
  ] as const)
    if (parsed.types.get(name) !== type)
      fail({
        expected: `a ${type} named ${name} on GET /metrics`,
        found: parsed.types.has(name) ? `a ${parsed.types.get(name)} named ${name}` : `no ${name}`,
        hint: `create it with prom-client: new ${type === 'counter' ? 'Counter' : 'Histogram'}({ name: '${name}', … })`,
      })
  return parsed
}
