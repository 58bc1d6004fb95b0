import { createServer, type ServerResponse } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { loadConfig } from './config.ts'

const config = loadConfig()

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
  res.end(JSON.stringify(body))
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost')
  console.log(`${req.method} ${url.pathname}`)
  if (url.pathname === '/health') return sendJson(res, 200, { status: 'ok' })
  if (url.pathname === '/greeting') {
    const name = url.searchParams.get('name') ?? 'world'
    return sendJson(res, 200, { message: `${config.greeting}, ${name}!` })
  }
  if (url.pathname === '/slow') {
    // Stands in for real work (a report, an upload): it must not be cut off by a deploy.
    const ms = Math.min(Number(url.searchParams.get('ms') ?? 1000) || 0, 10_000)
    await sleep(ms)
    return sendJson(res, 200, { status: 'done', tookMs: ms })
  }
  sendJson(res, 404, { error: `no route for ${url.pathname}` })
})

server.listen(config.port, '0.0.0.0', () => {
  console.log(`greeter-api listening on port ${config.port}`)
})
