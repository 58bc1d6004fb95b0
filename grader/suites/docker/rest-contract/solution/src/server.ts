import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { parsePaging, validateBook } from './book-input.ts'
import { BookStore } from './books.ts'
import { InvalidJson, readJson, sendError, sendJson } from './json-http.ts'

const store = new BookStore()
store.create({ title: 'The Pragmatic Programmer', author: 'Andrew Hunt', year: 1999 })

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost')
  const [, collection, idText, ...rest] = url.pathname.split('/')

  if (url.pathname === '/' && req.method === 'GET') return sendJson(res, 200, { name: 'bookshelf-api' })
  if (collection !== 'books' || rest.length > 0) return sendError(res, 404, 'no such route')

  if (idText === undefined || idText === '') {
    if (req.method === 'GET') {
      const paging = parsePaging(url.searchParams)
      if (!paging.ok) return sendError(res, 400, paging.message, paging.field)
      const { items, total } = store.page(paging.limit, paging.offset)
      return sendJson(res, 200, { items, total, limit: paging.limit, offset: paging.offset })
    }
    if (req.method === 'POST') {
      const input = validateBook(await readJson(req))
      if (!input.ok) return sendError(res, 400, input.message, input.field)
      const book = store.create(input.value)
      res.setHeader('location', `/books/${book.id}`)
      return sendJson(res, 201, book)
    }
    return sendError(res, 405, 'method not allowed')
  }

  const id = /^\d+$/.test(idText) ? Number(idText) : Number.NaN
  if (req.method === 'GET') {
    const book = store.get(id)
    return book ? sendJson(res, 200, book) : sendError(res, 404, `book ${idText} not found`)
  }
  if (req.method === 'PUT') {
    const input = validateBook(await readJson(req))
    if (!input.ok) return sendError(res, 400, input.message, input.field)
    const book = store.replace(id, input.value)
    return book ? sendJson(res, 200, book) : sendError(res, 404, `book ${idText} not found`)
  }
  if (req.method === 'DELETE')
    return store.delete(id) ? sendJson(res, 204) : sendError(res, 404, `book ${idText} not found`)
  return sendError(res, 405, 'method not allowed')
}

const server = createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    if (error instanceof InvalidJson) return sendError(res, 400, error.message, 'body')
    console.error(error)
    sendError(res, 500, 'internal error')
  })
})

const port = Number(process.env.PORT ?? 3000)
server.listen(port, '0.0.0.0', () => console.log(`bookshelf-api listening on port ${port}`))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
