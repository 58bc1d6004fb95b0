import { createServer, type ServerResponse } from 'node:http'
import { hasToken } from './auth.ts'
import { ReportCache } from './reports.ts'

// The token arrives at run time (`docker run -e API_TOKEN=…`); the image never holds it.
const token = process.env.API_TOKEN ?? ''
if (!token) console.warn('API_TOKEN is not set: /reports will refuse every request')
// The root filesystem may be read-only: write only under /tmp (a tmpfs in production).
const reports = new ReportCache(process.env.CACHE_DIR ?? '/tmp/reports-api')
await reports.warm()

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
  res.end(JSON.stringify(body))
}

const server = createServer(async (req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost')
  if (pathname === '/' || pathname === '/health') return sendJson(res, 200, { status: 'ok' })
  if (pathname === '/reports') {
    if (!token || !hasToken(req, token)) return sendJson(res, 401, { error: 'missing or wrong bearer token' })
    return sendJson(res, 200, { items: await reports.all() })
  }
  sendJson(res, 404, { error: 'not found' })
})

// An unprivileged port (>= 1024): no capability is needed to bind it.
const port = Number(process.env.PORT ?? 8080)
server.listen(port, '0.0.0.0', () => console.log(`reports-api listening on port ${port}`))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
