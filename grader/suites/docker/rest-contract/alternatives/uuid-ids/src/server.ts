import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { catalog, parseBook } from './catalog.ts'
import { body, HttpError, json, noContent } from './respond.ts'

type Handler = (req: IncomingMessage, res: ServerResponse, params: string[], url: URL) => Promise<void> | void

function intParam(url: URL, name: string, fallback: number, min: number): number {
  const raw = url.searchParams.get(name)
  if (raw === null) return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min)
    throw new HttpError(400, 'Invalid query parameter', {
      errors: [{ field: name, problem: `integer >= ${min}` }],
    })
  return n
}

const routes: [string, RegExp, Handler][] = [
  ['GET', /^\/health$/, (_q, res) => json(res, 200, { status: 'ok' })],
  [
    'GET',
    /^\/books\/?$/,
    (_q, res, _p, url) => {
      const limit = Math.min(intParam(url, 'limit', 20, 1), 100)
      const offset = intParam(url, 'offset', 0, 0)
      const { items, total } = catalog.slice(offset, limit)
      const next = offset + limit < total ? `/books?limit=${limit}&offset=${offset + limit}` : null
      json(res, 200, { total, next, items })
    },
  ],
  [
    'POST',
    /^\/books\/?$/,
    async (req, res) => {
      const book = catalog.add(parseBook(await body(req)))
      res.setHeader('Location', `/books/${book.id}`)
      json(res, 201, book)
    },
  ],
  ['GET', /^\/books\/([^/]+)$/, (_q, res, [id]) => json(res, 200, catalog.find(id ?? ''))],
  [
    'PUT',
    /^\/books\/([^/]+)$/,
    async (req, res, [id]) => {
      const fields = parseBook(await body(req))
      catalog.replace(id ?? '', fields)
      noContent(res)
    },
  ],
  [
    'DELETE',
    /^\/books\/([^/]+)$/,
    (_q, res, [id]) => {
      catalog.remove(id ?? '')
      noContent(res)
    },
  ],
]

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://books.local')
  try {
    for (const [method, pattern, handler] of routes) {
      const match = pattern.exec(url.pathname)
      if (match && method === req.method)
        return await handler(req, res, match.slice(1).map(decodeURIComponent), url)
    }
    throw new HttpError(404, `Cannot ${req.method} ${url.pathname}`)
  } catch (error) {
    if (error instanceof HttpError)
      return json(res, error.status, { message: error.message, ...error.details })
    console.error(error)
    json(res, 500, { message: 'Internal Server Error' })
  }
})

server.listen(Number(process.env.PORT) || 3000, () => console.log('books service up'))
for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => server.close(() => process.exit(0)))
