import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { readJson, sendJson } from './http-json.ts'
import { placeOrder } from './orders.ts'
import { createPool } from './pg-client.ts'
import { ItemStore } from './store.ts'

const pool = createPool({ connectionString: process.env.DATABASE_URL, max: 10 })
pool.on('error', (error) => console.warn(`database connection lost: ${error.message}`))
const items = new ItemStore(pool)

for (let attempt = 1; ; attempt++) {
  try {
    await items.createSchema()
    break
  } catch (error) {
    if (attempt >= 30) throw error
    console.warn(`database not ready (${(error as Error).message}); retrying`)
    await sleep(500)
  }
}

function positiveInteger(value: unknown): number | undefined {
  return Number.isInteger(value) && (value as number) > 0 ? (value as number) : undefined
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost')
  if (pathname === '/' || pathname === '/health') return sendJson(res, 200, { status: 'ok' })

  if (pathname === '/items' && req.method === 'POST') {
    const body = (await readJson(req)) as { name?: unknown; stock?: unknown } | undefined
    const stock = body?.stock
    if (typeof body?.name !== 'string' || !Number.isInteger(stock) || (stock as number) < 0)
      return sendJson(res, 400, { error: 'name must be a string and stock an integer ≥ 0' })
    return sendJson(res, 201, await items.add(body.name, stock as number))
  }
  const item = /^\/items\/(\d+)$/.exec(pathname)
  if (item && req.method === 'GET') {
    const found = await items.get(Number(item[1]))
    return found ? sendJson(res, 200, found) : sendJson(res, 404, { error: 'no such item' })
  }
  if (pathname === '/orders' && req.method === 'POST') {
    const body = (await readJson(req)) as { itemId?: unknown } | undefined
    const itemId = positiveInteger(body?.itemId)
    if (itemId === undefined) return sendJson(res, 400, { error: 'itemId must be a positive integer' })
    const result = await placeOrder(pool, itemId)
    if (result.kind === 'placed') return sendJson(res, 201, result.order)
    if (result.kind === 'sold-out') return sendJson(res, 409, { error: 'sold out' })
    return sendJson(res, 404, { error: 'no such item' })
  }
  sendJson(res, 404, { error: 'no such route' })
}

const server = createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    console.error(error)
    if (!res.headersSent) sendJson(res, 500, { error: 'internal error' })
  })
})
const port = Number(process.env.PORT ?? 3000)
server.listen(port, '0.0.0.0', () => console.log(`shop-api listening on port ${port}`))
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))))
