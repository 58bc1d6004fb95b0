import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { BlockList, isIP } from 'node:net'
import { priceQuote } from './quotes.ts'

// A token bucket per client: RATE_LIMIT tokens at most, refilled evenly over RATE_WINDOW_SECONDS.
const capacity = Number(process.env.RATE_LIMIT ?? 20)
const windowSeconds = Number(process.env.RATE_WINDOW_SECONDS ?? 10)
const refillPerMs = capacity / (windowSeconds * 1000)
const buckets = new Map<string, { tokens: number; atMs: number }>()

const proxies = new BlockList()
for (const address of (process.env.TRUSTED_PROXY ?? '').split(',').map((a) => a.trim()))
  if (isIP(address) === 4) proxies.addAddress(address, 'ipv4')

function client(req: IncomingMessage): string {
  const peer = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '')
  if (isIP(peer) !== 4 || !proxies.check(peer, 'ipv4')) return peer
  const forwarded = String(req.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((part) => part.trim())
  return forwarded.findLast((part) => isIP(part) !== 0) ?? peer
}

function take(
  key: string,
  nowMs: number,
): { allowed: boolean; remaining: number; resetS: number; retryS: number } {
  const bucket = buckets.get(key) ?? { tokens: capacity, atMs: nowMs }
  bucket.tokens = Math.min(capacity, bucket.tokens + (nowMs - bucket.atMs) * refillPerMs)
  bucket.atMs = nowMs
  const allowed = bucket.tokens >= 1
  if (allowed) bucket.tokens -= 1
  buckets.set(key, bucket)
  return {
    allowed,
    remaining: Math.floor(bucket.tokens),
    resetS: Math.min(windowSeconds, Math.ceil((capacity - bucket.tokens) / refillPerMs / 1000)),
    retryS: Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs / 1000)),
  }
}

setInterval(() => {
  const now = Date.now()
  for (const [key, bucket] of buckets)
    if (bucket.tokens + (now - bucket.atMs) * refillPerMs >= capacity) buckets.delete(key)
}, 5_000).unref()

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost')
  if (url.pathname === '/' || url.pathname === '/health') return sendJson(res, 200, { status: 'ok' })
  if (url.pathname === '/api/quote' && req.method === 'GET') {
    const bucket = take(client(req), Date.now())
    res.setHeader('RateLimit-Policy', `"bucket";q=${capacity};w=${windowSeconds}`)
    res.setHeader('RateLimit', `"bucket";r=${bucket.remaining};t=${bucket.resetS}`)
    if (!bucket.allowed) {
      res.setHeader('Retry-After', String(bucket.retryS))
      return sendJson(res, 429, { error: 'slow down' })
    }
    const symbol = (url.searchParams.get('symbol') ?? 'ACME').toUpperCase().slice(0, 8)
    return sendJson(res, 200, priceQuote(symbol))
  }
  sendJson(res, 404, { error: 'no such route' })
})

const port = Number(process.env.PORT ?? 3000)
server.listen(port, '0.0.0.0', () => console.log(`quotes-api listening on port ${port}`))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
