import { createServer, type ServerResponse } from 'node:http'
import { hasToken } from './auth.ts'
import { ReportCache } from './reports.ts'

const token = process.env.API_TOKEN ?? ''
const reports = new ReportCache('./data')
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

server.listen(80, '0.0.0.0', () => console.log('reports-api listening on port 80'))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
