import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { DocumentStore } from './documents.ts'
import { BadRequest, readJson, sendJson, TooLarge } from './http-json.ts'

const store = new DocumentStore()

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost')
  if (pathname === '/' || pathname === '/health') return sendJson(res, 200, { status: 'ok' })
  if (pathname === '/documents' && req.method === 'POST') {
    const document = await readJson(req)
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

/** How long a refused upload may go on being read (and dropped) before its connection closes. */
const LINGER_MS = 2_000

/**
 * Answers 413 at once, then reads and drops the rest of the body (at most LINGER_MS) before closing:
 * closing a socket with unread bytes makes the kernel send a reset, which can destroy the answer
 * on its way to the client ("lingering close", as nginx does).
 */
function refuseTooLarge(req: IncomingMessage, res: ServerResponse): void {
  const text = JSON.stringify({ error: 'the body is larger than 1 MiB' })
  res.writeHead(413, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    connection: 'close',
  })
  res.write(text)
  const close = () => {
    clearTimeout(timer)
    if (!res.writableEnded) res.end()
  }
  const timer = setTimeout(close, LINGER_MS)
  if (req.complete) close()
  else req.once('end', close).once('close', close).resume()
}

const server = createServer(
  {
    // a client gets 5 s for its headers and 10 s for its whole request, checked every second
    headersTimeout: 5_000,
    requestTimeout: 10_000,
    connectionsCheckingInterval: 1_000,
  },
  (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof TooLarge) return refuseTooLarge(req, res)
      if (error instanceof BadRequest) return sendJson(res, 400, { error: error.message })
      console.error(error)
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' })
    })
  },
)

server.keepAliveTimeout = 5_000
server.maxRequestsPerSocket = 100

const port = Number(process.env.PORT ?? 3000)
server.listen(port, '0.0.0.0', () => console.log(`documents-api listening on port ${port}`))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
