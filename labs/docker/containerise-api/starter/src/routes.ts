import type { IncomingMessage, ServerResponse } from 'node:http'
import { addItem, listItems } from './items.ts'

/** Flipped by POST /admin/break: from then on /health reports the app as unhealthy. */
let broken = false

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
  res.end(JSON.stringify(body))
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let text = ''
  for await (const chunk of req) text += chunk
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

export async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost')
  const route = `${req.method} ${pathname}`

  if (route === 'GET /') return sendJson(res, 200, { name: 'items-api', endpoints: ['/health', '/items'] })
  if (route === 'GET /health') {
    return broken ? sendJson(res, 503, { status: 'unhealthy' }) : sendJson(res, 200, { status: 'ok' })
  }
  if (route === 'POST /admin/break') {
    // Simulates a fault (a lost database connection, say) so you can watch your HEALTHCHECK react.
    broken = true
    return sendJson(res, 200, { status: 'broken' })
  }
  if (route === 'GET /items') return sendJson(res, 200, listItems())
  if (route === 'POST /items') {
    const body = await readJson(req)
    const name = (body as { name?: unknown } | undefined)?.name
    if (typeof name !== 'string' || name.trim() === '') {
      return sendJson(res, 400, { error: 'name must be a non-empty string' })
    }
    return sendJson(res, 201, addItem(name.trim()))
  }
  sendJson(res, 404, { error: `no route for ${route}` })
}
