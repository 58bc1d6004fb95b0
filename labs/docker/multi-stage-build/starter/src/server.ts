import { createServer, type ServerResponse } from 'node:http'
import { findQuote, listQuotes } from './quotes.js'

const port = Number(process.env.PORT ?? 3000)

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
  res.end(JSON.stringify(body))
}

const server = createServer((req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost')
  if (req.method !== 'GET') return sendJson(res, 405, { error: 'only GET is supported' })
  if (pathname === '/health') return sendJson(res, 200, { status: 'ok' })
  if (pathname === '/quotes') return sendJson(res, 200, listQuotes())
  const match = /^\/quotes\/(\d+)$/.exec(pathname)
  if (match) {
    const quote = findQuote(Number(match[1]))
    return quote ? sendJson(res, 200, quote) : sendJson(res, 404, { error: 'no such quote' })
  }
  sendJson(res, 404, { error: `no route for ${pathname}` })
})

server.listen(port, '0.0.0.0', () => {
  console.log(`quotes-api listening on port ${port}`)
})
