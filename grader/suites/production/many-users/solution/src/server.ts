import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { createSchema, findUser, getProduct } from './catalog.ts'
import { closeDatabase } from './database.ts'
import { readJson, sendJson } from './http-json.ts'
import { verifyPassword } from './passwords.ts'

for (let attempt = 1; ; attempt++) {
  try {
    await createSchema()
    break
  } catch (error) {
    if (attempt >= 30) throw error
    console.warn(`database not ready (${(error as Error).message}); retrying`)
    await sleep(500)
  }
}

async function login(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = (await readJson(req)) as { user?: unknown; password?: unknown } | undefined
  if (typeof body?.user !== 'string' || typeof body.password !== 'string')
    return sendJson(res, 400, { error: 'user and password must be strings' })
  const user = await findUser(body.user)
  if (!user || !(await verifyPassword(body.password, user.salt, user.hash)))
    return sendJson(res, 401, { error: 'wrong user or password' })
  sendJson(res, 200, { user: user.name })
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost')
  if (pathname === '/' || pathname === '/health') return sendJson(res, 200, { status: 'ok' })
  const product = /^\/products\/(\d+)$/.exec(pathname)
  if (product && req.method === 'GET') {
    const found = await getProduct(Number(product[1]))
    return found ? sendJson(res, 200, found) : sendJson(res, 404, { error: 'no such product' })
  }
  if (pathname === '/login' && req.method === 'POST') return login(req, res)
  sendJson(res, 404, { error: 'no such route' })
}

const server = createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    console.error(error)
    if (!res.headersSent) sendJson(res, 500, { error: 'internal error' })
  })
})
const port = Number(process.env.PORT ?? 3000)
server.listen(port, '0.0.0.0', () => console.log(`catalog-api listening on port ${port}`))
process.on('SIGTERM', () => server.close(() => closeDatabase().then(() => process.exit(0))))
