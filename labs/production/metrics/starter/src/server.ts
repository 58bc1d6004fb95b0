import { createServer } from 'node:http'
import { Catalog } from './catalog.ts'
import { sendJson } from './http-json.ts'
import { matchRoute } from './routes.ts'

const catalog = new Catalog()

const server = createServer((req, res) => {
  const method = req.method ?? 'GET'
  const { pathname } = new URL(req.url ?? '/', 'http://localhost')
  const route = matchRoute(catalog, method, pathname)
  if (!route) {
    console.log(`${method} ${pathname} 404`)
    return sendJson(res, 404, { error: 'no such route' })
  }
  route
    .handle(req, res)
    .catch((error: unknown) => {
      console.error(error)
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' })
    })
    .finally(() => console.log(`${method} ${pathname} ${res.statusCode}`))
})

const port = Number(process.env.PORT ?? 3000)
server.listen(port, '0.0.0.0', () => console.log(`catalog-api listening on port ${port}`))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
