import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { clientAddress } from './client-address.ts'
import { readJson, sendJson } from './http-json.ts'
import { dummyHash, hashPassword } from './passwords.ts'
import { createPool } from './pg-client.ts'
import { signIn } from './sign-in.ts'
import { UserStore } from './users.ts'

const pool = createPool({ connectionString: process.env.DATABASE_URL, max: 10 })
pool.on('error', (error) => console.warn(`database connection lost: ${error.message}`))
const users = new UserStore(pool)

for (let attempt = 1; ; attempt++) {
  try {
    await users.createSchema()
    break
  } catch (error) {
    if (attempt >= 30) throw error
    console.warn(`database not ready (${(error as Error).message}); retrying`)
    await sleep(500)
  }
}
await dummyHash() // made before the first sign-in, so that one takes no longer than the others

interface Credentials {
  username: string
  password: string
}

function credentialsOf(body: unknown): Credentials | undefined {
  const { username, password } = (body ?? {}) as { username?: unknown; password?: unknown }
  if (typeof username !== 'string' || typeof password !== 'string') return undefined
  if (username.length < 1 || username.length > 64 || password.length < 1 || password.length > 256)
    return undefined
  return { username, password }
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost')
  if (pathname === '/' || pathname === '/health') return sendJson(res, 200, { status: 'ok' })

  if (pathname === '/users' && req.method === 'POST') {
    const credentials = credentialsOf(await readJson(req))
    if (!credentials)
      return sendJson(res, 400, { error: 'username (1–64 characters) and password (1–256) are required' })
    const user = await users.add(credentials.username, await hashPassword(credentials.password))
    if (!user) return sendJson(res, 409, { error: 'that username is taken' })
    return sendJson(res, 201, { id: user.id, username: user.username })
  }
  if (pathname === '/login' && req.method === 'POST') {
    const credentials = credentialsOf(await readJson(req))
    if (!credentials) return sendJson(res, 400, { error: 'username and password are required' })
    const address = clientAddress(req)
    const result = await signIn(users, credentials.username, credentials.password, address)
    if (result.kind === 'signed-in') return sendJson(res, 200, { username: result.username })
    if (result.kind === 'throttled') {
      res.setHeader('retry-after', String(Math.ceil(result.retryAfterMs / 1000)))
      return sendJson(res, 429, { error: 'too many failed sign-ins; try again later' })
    }
    console.warn(`sign-in refused from ${address}: ${result.reason}`)
    return sendJson(res, 401, { error: 'wrong username or password' })
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
server.listen(port, '0.0.0.0', () => console.log(`accounts-api listening on port ${port}`))
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))))
