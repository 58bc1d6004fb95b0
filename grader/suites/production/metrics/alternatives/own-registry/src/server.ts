import { createServer } from 'node:http'
import { Catalog } from './catalog.ts'
import { sendJson } from './http-json.ts'
import { metrics, observe } from './observability.ts'
import { matchRoute } from './routes.ts'

const catalog = new Catalog()

const server = createServer(async (req, res) => {
  const method = req.method ?? 'GET'
  const { pathname } = new URL(req.url ?? '/', 'http://localhost')
  if (method === 'GET' && pathname === '/metrics') {
    res.writeHead(200, { 'content-type': metrics.contentType })
    res.end(await metrics.metrics())
    return
  }
  const route = matchRoute(catalog, method, pathname)
  observe(req, res, route?.pattern ?? '(none)')
  if (!route) return sendJson(res, 404, { error: 'no such route' })
  try {
    await route.handle(req, res)
  } catch {
    if (!res.headersSent) sendJson(res, 500, { error: 'internal error' })
  }
})

server.listen(Number(process.env.PORT ?? 3000), '0.0.0.0')
process.on('SIGTERM', () => server.close(() => process.exit(0)))
