import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { Refused, readGuardedJson } from './body-guard.ts'
import { DocumentStore } from './documents.ts'
import { sendJson } from './http-json.ts'

const store = new DocumentStore()
const served = new WeakMap<Socket, number>()

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  // close a connection after its 50th request, by hand
  const count = (served.get(req.socket) ?? 0) + 1
  served.set(req.socket, count)
  if (count >= 50) res.setHeader('connection', 'close')

  const { pathname } = new URL(req.url ?? '/', 'http://localhost')
  if (pathname === '/' || pathname === '/health') return sendJson(res, 200, { status: 'ok' })
  if (pathname === '/documents' && req.method === 'POST') {
    const document = await readGuardedJson(req, 1024 * 1024, 32)
    return sendJson(res, 201, store.add(document))
  }
  const match = /^\/documents\/(\d+)$/.exec(pathname)
  if (match && req.method === 'GET') {
    const document = store.get(Number(match[1]))
    return document === undefined
      ? sendJson(res, 404, { error: 'no such document' })
      : sendJson(res, 200, document)
  }
  sendJson(res, 404, { error: 'no such route' })
}

/**
 * Answers at once, then drops what is left of the body for up to 2 s before closing: a socket
 * closed with unread bytes sends a reset that can destroy the answer in flight.
 */
function refuse(req: IncomingMessage, res: ServerResponse, error: Refused): void {
  const text = JSON.stringify({ error: error.message })
  res.writeHead(error.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    connection: 'close',
  })
  res.write(text)
  const close = () => {
    clearTimeout(timer)
    if (!res.writableEnded) res.end()
  }
  const timer = setTimeout(close, 2_000)
  if (req.complete) close()
  else req.once('end', close).once('close', close).resume()
}

// the timeouts below are enforced by a sweep every connectionsCheckingInterval (30 s by default)
const server = createServer({ connectionsCheckingInterval: 500 }, (req, res) => {
  handle(req, res).catch((error: unknown) => {
    if (error instanceof Refused) return refuse(req, res, error)
    console.error(error)
    if (!res.headersSent) sendJson(res, 500, { error: 'internal error' })
  })
})
server.headersTimeout = 3_000
server.requestTimeout = 8_000
server.keepAliveTimeout = 2_000

const port = Number(process.env.PORT ?? 3000)
server.listen(port, '0.0.0.0', () => console.log(`documents-api listening on port ${port}`))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
