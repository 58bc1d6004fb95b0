import {
  type ApiCheckContext,
  expectContentType,
  expectJsonObject,
  expectShape,
  expectStatus,
  send,
} from '@backend-labs/http-kit'
import { defineChecks } from '@backend-labs/lab-kit'
import { BASE_IMAGE } from '../containerise-api/base-image.ts'
import { createBook, expectBookFields } from './book-api.ts'

export default defineChecks<ApiCheckContext>('public', [
  {
    id: 'builds',
    title: `The Dockerfile builds from ${BASE_IMAGE}`,
    points: 1,
    timeoutMs: 180_000,
    hints: ['Run `docker build .` in your workspace to see the same error.'],
    async run(ctx) {
      await ctx.docker.image({ timeoutMs: 150_000 })
    },
  },
  {
    id: 'serves',
    title: 'The container starts and answers HTTP on port 3000',
    points: 1,
    timeoutMs: 45_000,
    needs: ['builds'],
    hints: ['Listen on the port in the PORT variable (default 3000) on 0.0.0.0.'],
    async run(ctx) {
      await ctx.docker.app()
    },
  },
  {
    id: 'create-book',
    title: 'POST /books creates a book: 201 and the stored book as JSON, with its id',
    points: 2,
    needs: ['serves'],
    async run(ctx) {
      const app = await ctx.docker.app()
      const book = { title: 'Dune', author: 'Frank Herbert', year: 1965 }
      const { exchange } = await createBook(app.url, book, 'POST /books with a valid book')
      expectBookFields(expectJsonObject(exchange), book, 'the created book')
    },
  },
  {
    id: 'list-books',
    title: 'GET /books answers 200 with a page of books: { items: [...], total: n }',
    points: 1,
    needs: ['serves'],
    async run(ctx) {
      const app = await ctx.docker.app()
      const x = await send(app.url, { path: '/books' })
      expectStatus(x, 200)
      expectContentType(x, 'application/json')
      expectShape(expectJsonObject(x), { items: 'array', total: 'number' }, 'the answer to GET /books')
    },
  },
])
