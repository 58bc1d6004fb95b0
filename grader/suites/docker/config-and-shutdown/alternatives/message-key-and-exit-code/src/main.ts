import { createServer } from 'node:http'
import { write } from './log.ts'
import { settings } from './settings.ts'

const { port, greeting } = settings()

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x')
  const reply = (status: number, body: object) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    write('info', `${req.method} ${url.pathname} ${status}`)
  }
  if (url.pathname === '/greeting')
    return reply(200, { message: `${greeting}, ${url.searchParams.get('name') ?? 'world'}!` })
  if (url.pathname === '/slow') {
    const ms = Math.min(Number(url.searchParams.get('ms')) || 0, 10_000)
    setTimeout(() => reply(200, { status: 'done', tookMs: ms }), ms)
    return
  }
  if (url.pathname === '/health') return reply(200, { status: 'ok' })
  reply(404, { error: 'not found' })
})
server.listen(port, () => write('info', `listening on ${port}`))

process.on('SIGTERM', () => {
  write('info', 'SIGTERM: draining')
  // Keep-alive connections would hold the process open: stop reusing them once draining.
  server.on('request', (_req, res) => res.setHeader('connection', 'close'))
  server.close(() => {
    write('info', 'drained')
    process.exitCode = 0
  })
  server.closeIdleConnections()
})
