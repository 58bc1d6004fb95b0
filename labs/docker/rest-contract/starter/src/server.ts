import { createServer } from 'node:http'
import { type Book, BookStore } from './books.ts'
import { readJson, sendJson } from './json-http.ts'

const store = new BookStore()
store.create({ title: 'The Pragmatic Programmer', author: 'Andrew Hunt', year: 1999 })

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost')

  if (url.pathname === '/') return sendJson(res, 200, { name: 'bookshelf-api' })

  if (url.pathname === '/books' && req.method === 'GET') {
    // TODO: pagination (?limit=&offset=) and the total count, as the README describes
    return sendJson(res, 200, { items: store.all() })
  }

  if (url.pathname === '/books' && req.method === 'POST') {
    // TODO: validation, status 201, invalid JSON
    const data = (await readJson(req)) as Omit<Book, 'id'>
    return sendJson(res, 200, store.create(data))
  }

  // TODO: GET, PUT and DELETE /books/:id, and JSON errors for everything else
  res.writeHead(404)
  res.end('Not found')
})

const port = Number(process.env.PORT ?? 3000)
server.listen(port, '0.0.0.0', () => console.log(`bookshelf-api listening on port ${port}`))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
