import client from 'prom-client'

/** The default registry; /metrics serves it. */
export const registry = client.register
client.collectDefaultMetrics({ register: registry })

const labelNames = ['method', 'route', 'status'] as const

export const requestsTotal = new client.Counter({
  name: 'http_requests_total',
  help: 'HTTP requests answered, by method, route pattern and status',
  labelNames,
})

export const requestDuration = new client.Histogram({
  name: 'http_request_duration_seconds',
  help: 'Time from the request arriving to the response finishing, in seconds',
  labelNames,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
})
