import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { ordersChart } from './chart.ts'
import { sendJson } from './http-json.ts'
import { createPool } from './pg-client.ts'
import { ordersSeries } from './stats.ts'
import { parseStatsRange } from './stats-range.ts'

const pool = createPool({ connectionString: process.env.DATABASE_URL, max: 10 })
pool.on('error', (error) => console.warn(`database connection lost: ${error.message}`))

const SCHEMA = `CREATE TABLE IF NOT EXISTS orders (
  id SERIAL PRIMARY KEY,
  created_at TIMESTAMPTZ NOT NULL,
  total_cents INTEGER NOT NULL
)`

for (let attempt = 1; ; attempt++) {
  try {
    await pool.query(SCHEMA)
    break
  } catch (error) {
    if (attempt >= 30) throw error
    console.warn(`database not ready (${(error as Error).message}); retrying`)
    await sleep(500)
  }
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost')
  if (url.pathname === '/' || url.pathname === '/health') return sendJson(res, 200, { status: 'ok' })
  if (req.method !== 'GET') return sendJson(res, 405, { error: 'only GET' })

  if (url.pathname === '/api/stats/orders' || url.pathname === '/api/stats/orders/chart') {
    const range = parseStatsRange(url.searchParams)
    if ('error' in range) return sendJson(res, 400, { error: range.error })
    const series = await ordersSeries(pool, range)
    if (url.pathname.endsWith('/chart')) return sendJson(res, 200, ordersChart(range, series))
    return sendJson(res, 200, {
      bucket: range.bucket,
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      series,
    })
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
server.listen(port, '0.0.0.0', () => console.log(`orders-dashboard listening on port ${port}`))
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))))
