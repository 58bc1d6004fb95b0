import { createServer, type ServerResponse } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { type Config, ConfigError, loadConfig } from './config.ts'
import { log } from './logger.ts'

const SHUTDOWN_DEADLINE_MS = 8000

let config: Config
try {
  config = loadConfig()
} catch (error) {
  if (!(error instanceof ConfigError)) throw error
  log('error', error.message, { variable: error.variable })
  process.exit(1)
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
  res.end(JSON.stringify(body))
}

const server = createServer(async (req, res) => {
  const started = performance.now()
  const url = new URL(req.url ?? '/', 'http://localhost')
  res.on('finish', () => {
    const durationMs = Math.round(performance.now() - started)
    log('info', 'request', { method: req.method, path: url.pathname, status: res.statusCode, durationMs })
  })
  if (url.pathname === '/health') return sendJson(res, 200, { status: 'ok' })
  if (url.pathname === '/greeting') {
    const name = url.searchParams.get('name') ?? 'world'
    return sendJson(res, 200, { message: `${config.greeting}, ${name}!` })
  }
  if (url.pathname === '/slow') {
    const ms = Math.min(Number(url.searchParams.get('ms') ?? 1000) || 0, 10_000)
    await sleep(ms)
    return sendJson(res, 200, { status: 'done', tookMs: ms })
  }
  sendJson(res, 404, { error: `no route for ${url.pathname}` })
})

server.listen(config.port, '0.0.0.0', () => log('info', 'listening', { port: config.port }))

/** Stop accepting connections, let in-flight requests finish, then exit 0. */
function shutdown(signal: string): void {
  log('info', 'shutting down', { signal })
  server.close((error) => {
    log('info', 'stopped')
    process.exit(error ? 1 : 0)
  })
  server.closeIdleConnections()
  // Never outlive the orchestrator's patience: give up before it sends SIGKILL.
  setTimeout(() => {
    log('error', 'in-flight requests did not finish in time')
    process.exit(1)
  }, SHUTDOWN_DEADLINE_MS).unref()
}
process.once('SIGTERM', shutdown)
process.once('SIGINT', shutdown)
