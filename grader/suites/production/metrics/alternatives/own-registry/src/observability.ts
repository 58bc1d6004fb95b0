import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { Counter, Histogram, Registry } from 'prom-client'

/** A registry of our own (no default metrics): only what this service defines. */
export const metrics = new Registry()

const requests = new Counter({
  name: 'http_requests_total',
  help: 'Requests by method, route and status code',
  labelNames: ['method', 'route', 'status'],
  registers: [metrics],
})

const latency = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'Request latency in seconds',
  labelNames: ['route', 'method', 'status'],
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [metrics],
})

/**
 * Starts observing one request: sets its id on the response, and when the response finishes,
 * counts it, times it and writes its log line.
 */
export function observe(req: IncomingMessage, res: ServerResponse, route: string): string {
  const header = req.headers['x-request-id']
  const id = typeof header === 'string' && /^[\w.-]{1,200}$/.test(header) ? header : randomUUID()
  res.setHeader('X-Request-Id', id)
  const stop = latency.startTimer()
  const path = (req.url ?? '/').split('?')[0]
  res.once('finish', () => {
    const labels = { method: req.method ?? 'GET', route, status: res.statusCode }
    requests.inc(labels)
    const seconds = stop(labels)
    process.stdout.write(
      `${JSON.stringify({ ts: Date.now(), requestId: id, method: labels.method, path, status: res.statusCode, durationMs: seconds * 1000, userAgent: req.headers['user-agent'] ?? null })}\n`,
    )
  })
  return id
}
