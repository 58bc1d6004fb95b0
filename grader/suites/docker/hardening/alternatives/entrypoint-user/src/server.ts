import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { hasToken } from './auth.ts'
import { ReportCache } from './reports.ts'

const reports = new ReportCache(join(tmpdir(), 'reports'))
await reports.warm()

const server = createServer(async (req, res) => {
  const send = (status: number, body: unknown) => {
    res.statusCode = status
    res.setHeader('Content-Type', 'application/json')
    res.end(JSON.stringify(body))
  }
  switch (new URL(req.url ?? '/', 'http://x').pathname) {
    case '/':
    case '/health':
      return send(200, { ok: true })
    case '/reports': {
      const token = process.env.API_TOKEN
      if (token && hasToken(req, token)) return send(200, { items: await reports.all() })
      res.setHeader('WWW-Authenticate', 'Bearer')
      return send(401, { error: 'unauthorized' })
    }
    default:
      return send(404, { error: 'not found' })
  }
})

server.listen(Number(process.env.PORT) || 9000)
process.once('SIGTERM', () => server.close(() => process.exit(0)))
