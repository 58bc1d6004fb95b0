import { createServer, type ServerResponse } from 'node:http'

// greeter-api: the app you deploy. You do not need to change it.
// Configuration comes from the environment: PORT and GREETING (a ConfigMap), API_TOKEN (a Secret).

const port = Number(process.env.PORT ?? 8080)
const greeting = process.env.GREETING
const apiToken = process.env.API_TOKEN
if (!greeting || !apiToken) {
  console.error(
    `greeter-api: missing configuration: ${[!greeting && 'GREETING', !apiToken && 'API_TOKEN'].filter(Boolean).join(' and ')}`,
  )
  process.exit(1)
}

// It takes a moment to warm up (loading its data): not ready until then, but alive.
const WARM_UP_MS = Number(process.env.WARM_UP_MS ?? 1500)
let ready = false
setTimeout(() => {
  ready = true
  console.log('greeter-api: warmed up, ready for traffic')
}, WARM_UP_MS)

// Set by POST /debug/wedge: the app stays up but can no longer do its work, as after a deadlock.
// Only a restart brings it back.
let wedged = false

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

const server = createServer((req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost')
  const authorised = req.headers.authorization === `Bearer ${apiToken}`
  if (req.method === 'GET' && pathname === '/livez')
    return wedged
      ? sendJson(res, 500, { alive: false, error: 'worker stalled' })
      : sendJson(res, 200, { alive: true })
  if (req.method === 'GET' && pathname === '/readyz')
    return ready && !wedged ? sendJson(res, 200, { ready: true }) : sendJson(res, 503, { ready: false })
  if (req.method === 'GET' && pathname === '/api/greeting') {
    if (!ready) return sendJson(res, 503, { error: 'warming up' })
    if (wedged) return sendJson(res, 500, { error: 'worker stalled' })
    return sendJson(res, 200, { message: `${greeting}, world` })
  }
  if (req.method === 'GET' && pathname === '/api/whoami') {
    if (!authorised) return sendJson(res, 401, { error: 'a Bearer token is required' })
    return sendJson(res, 200, { uid: process.getuid?.() ?? -1, gid: process.getgid?.() ?? -1 })
  }
  if (req.method === 'POST' && pathname === '/debug/wedge') {
    if (!authorised) return sendJson(res, 401, { error: 'a Bearer token is required' })
    wedged = true
    console.log('greeter-api: wedged on request; /livez now fails')
    return sendJson(res, 202, { wedged: true })
  }
  sendJson(res, 404, { error: 'no such route' })
})

server.listen(port, '0.0.0.0', () => console.log(`greeter-api listening on port ${port}`))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
