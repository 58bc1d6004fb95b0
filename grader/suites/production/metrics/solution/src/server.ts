import { createServer } from 'node:http'
import { Catalog } from './catalog.ts'
import { sendJson } from './http-json.ts'
import { registry, requestDuration, requestsTotal } from './metrics.ts'
import { requestIdOf } from './request-id.ts'
import { matchRoute } from './routes.ts'

const catalog = new Catalog()

const server = createServer((req, res) => {
  const started = process.hrtime.bigint()
  const requestId = requestIdOf(req)
  res.setHeader('x-request-id', requestId)
  const method = req.method ?? 'GET'
  const { pathname } = new URL(req.url ?? '/', 'http://localhost')

  if (pathname === '/metrics' && method === 'GET') {
    registry.metrics().then((text) => {
      res.setHeader('content-type', registry.contentType)
      res.end(text)
    })
    return
  }

  const route = matchRoute(catalog, method, pathname)
  const pattern = route?.pattern ?? 'unmatched'
  res.on('finish', () => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    const labels = { method, route: pattern, status: String(res.statusCode) }
    requestsTotal.inc(labels)
    requestDuration.observe(labels, seconds)
    const durationMs = Math.round(seconds * 1000 * 10) / 10
    console.log(
      JSON.stringify({
        level: 'info',
        time: new Date().toISOString(),
        requestId,
        method,
        path: pathname,
        route: pattern,
        status: res.statusCode,
        durationMs,
      }),
    )
  })

  if (!route) return sendJson(res, 404, { error: 'no such route' })
  route.handle(req, res).catch((error: unknown) => {
    console.log(JSON.stringify({ level: 'error', requestId, message: String(error) }))
    if (!res.headersSent) sendJson(res, 500, { error: 'internal error' })
  })
})

const port = Number(process.env.PORT ?? 3000)
server.listen(port, '0.0.0.0', () =>
  console.log(JSON.stringify({ level: 'info', message: `catalog-api listening on port ${port}` })),
)
process.on('SIGTERM', () => server.close(() => process.exit(0)))
