import { createServer, type ServerResponse } from 'node:http'
import { clientAddress } from './client-address.ts'
import { priceQuote } from './quotes.ts'
import { type Decision, FixedWindowLimiter } from './rate-limit.ts'

const limiter = new FixedWindowLimiter(
  Number(process.env.RATE_LIMIT ?? 20),
  Number(process.env.RATE_WINDOW_SECONDS ?? 10),
)
const trustedProxy = process.env.TRUSTED_PROXY || undefined

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

/** The IETF draft's headers (draft-ietf-httpapi-ratelimit-headers): the policy and what is left. */
function rateLimitHeaders(res: ServerResponse, decision: Decision): void {
  res.setHeader('RateLimit-Policy', `"default";q=${decision.limit};w=${limiter.windowSeconds}`)
  res.setHeader('RateLimit', `"default";r=${decision.remaining};t=${decision.resetSeconds}`)
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost')
  if (url.pathname === '/' || url.pathname === '/health') return sendJson(res, 200, { status: 'ok' })
  if (url.pathname === '/api/quote' && req.method === 'GET') {
    // the limit comes first: a refused request must cost almost nothing
    const decision = limiter.take(clientAddress(req, trustedProxy))
    rateLimitHeaders(res, decision)
    if (!decision.allowed) {
      res.setHeader('Retry-After', String(decision.resetSeconds))
      return sendJson(res, 429, { error: 'too many requests', retryAfterSeconds: decision.resetSeconds })
    }
    const symbol = (url.searchParams.get('symbol') ?? 'ACME').toUpperCase().slice(0, 8)
    return sendJson(res, 200, priceQuote(symbol))
  }
  sendJson(res, 404, { error: 'no such route' })
})

const port = Number(process.env.PORT ?? 3000)
server.listen(port, '0.0.0.0', () => console.log(`quotes-api listening on port ${port}`))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
