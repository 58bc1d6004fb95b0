import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { DocumentStore } from './documents.ts'
import { BadRequest, readJson, sendJson } from './http-json.ts'

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

const server = createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    if (error instanceof BadRequest) return sendJson(res, 400, { error: error.message })
    console.error(error)
    if (!res.headersSent) sendJson(res, 500, { error: 'internal error' })
  })
})

// Keep connections open for our mobile clients: reconnecting is slow on their networks.
server.keepAliveTimeout = 0

const port = Number(process.env.PORT ?? 3000)
server.listen(port, '0.0.0.0', () => console.log(`documents-api listening on port ${port}`))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
