import { createServer, type ServerResponse } from 'node:http'
import { priceQuote } from './quotes.ts'

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost')
  if (url.pathname === '/' || url.pathname === '/health') return sendJson(res, 200, { status: 'ok' })
  if (url.pathname === '/api/quote' && req.method === 'GET') {
    const symbol = (url.searchParams.get('symbol') ?? 'ACME').toUpperCase().slice(0, 8)
    return sendJson(res, 200, priceQuote(symbol))
  }
  sendJson(res, 404, { error: 'no such route' })
})

const port = Number(process.env.PORT ?? 3000)
server.listen(port, '0.0.0.0', () => console.log(`quotes-api listening on port ${port}`))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
