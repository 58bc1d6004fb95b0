import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Catalog } from './catalog.ts'
import { readJson, sendJson } from './http-json.ts'

/** A matched route: its pattern (e.g. `/products/:id`) and the handler to run. */
export interface Route {
  pattern: string
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>
}

/** Finds the route for a request; undefined when nothing matches. */
export function matchRoute(catalog: Catalog, method: string, pathname: string): Route | undefined {
  if (pathname === '/health' && method === 'GET')
    return { pattern: '/health', handle: async (_req, res) => sendJson(res, 200, { status: 'ok' }) }
  if (pathname === '/products' && method === 'GET')
    return {
      pattern: '/products',
      handle: async (_req, res) => sendJson(res, 200, { items: catalog.list() }),
    }
  if (pathname === '/products' && method === 'POST')
    return {
      pattern: '/products',
      async handle(req, res) {
        const body = (await readJson(req)) as { name?: unknown; priceCents?: unknown } | undefined
        if (typeof body?.name !== 'string' || !Number.isInteger(body.priceCents))
          return sendJson(res, 400, { error: 'name (string) and priceCents (integer) are required' })
        sendJson(res, 201, catalog.add(body.name, body.priceCents as number))
      },
    }
  const product = /^\/products\/(\d+)$/.exec(pathname)
  if (product && method === 'GET')
    return {
      pattern: '/products/:id',
      async handle(_req, res) {
        const found = catalog.get(Number(product[1]))
        return found ? sendJson(res, 200, found) : sendJson(res, 404, { error: 'no such product' })
      },
    }
  if (pathname === '/reports/daily' && method === 'GET')
    return {
      pattern: '/reports/daily',
      handle: async (_req, res) => sendJson(res, 200, await catalog.dailyReport()),
    }
  return undefined
}
