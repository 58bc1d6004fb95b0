import {
  type ApiCheckContext,
  expectJsonObject,
  expectShape,
  expectStatus,
  type HttpExchange,
  send,
} from '@backend-labs/http-kit'
import { defineChecks, fail } from '@backend-labs/lab-kit'
import { bookPath, createBook, expectJsonError } from '../../../../labs/docker/rest-contract/book-api.ts'

/** A 400 whose JSON body names `field` somewhere (any wording or structure). */
function expectBadRequestNaming(x: HttpExchange, field: string): void {
  const body = expectJsonError(x, 400, 'invalid input is the client’s mistake: answer 400, never 500')
  if (JSON.stringify(body).toLowerCase().includes(field)) return
  fail({
    expected: `the error body for ${x.label} to name the invalid field "${field}"`,
    found: 'an error body that does not mention it',
    hint: 'say which field is wrong, e.g. {"error": "title is required", "field": "title"}',
  })
}

/** The `items` and `total` of a page, type-checked. */
function page(x: HttpExchange): { items: Record<string, unknown>[]; total: number } {
  expectStatus(x, 200)
  const body = expectJsonObject(x)
  expectShape(body, { items: 'array', total: 'number' }, `the answer to ${x.label}`)
  return body as { items: Record<string, unknown>[]; total: number }
}

export const inputChecks = defineChecks<ApiCheckContext>('hidden', [
  {
    id: 'validation',
    title: 'Invalid input gets 400 with a JSON body naming the invalid field',
    points: 2,
    needs: ['create-book'],
    async run(ctx) {
      const { url } = await ctx.docker.app()
      const post = (body: unknown, label: string) =>
        send(url, { method: 'POST', path: '/books', body, label })
      expectBadRequestNaming(await post({ author: 'Anonymous' }, 'creating a book without a title'), 'title')
      expectBadRequestNaming(await post({ title: 'Untitled' }, 'creating a book without an author'), 'author')
      expectBadRequestNaming(
        await post(
          { title: 'Numbers', author: 'Anonymous', year: 'nineteen' },
          'creating a book with a year that is not a number',
        ),
        'year',
      )
      expectJsonError(
        await post('{"title": "Broken', 'creating a book with a body that is not valid JSON'),
        400,
        'catch the JSON parse error and answer 400 with a JSON body',
      )
      const { id } = await createBook(url, { title: 'Emma', author: 'Jane Austen' }, 'creating a book')
      expectBadRequestNaming(
        await send(url, {
          method: 'PUT',
          path: bookPath(id),
          body: { title: '', author: 'Jane Austen' },
          label: 'updating a book with an empty title',
        }),
        'title',
      )
    },
  },
  {
    id: 'pagination',
    title: 'GET /books pages with limit and offset, counts the total, and caps the page size at 100',
    points: 3,
    timeoutMs: 30_000,
    needs: ['create-book', 'list-books'],
    async run(ctx) {
      const { url } = await ctx.docker.app()
      const list = (query: string, label: string) => send(url, { path: `/books${query}`, label })
      const before = page(await list('?limit=1', 'listing one book')).total
      const marker = `p${Date.now().toString(36)}`
      const titles = [1, 2, 3, 4, 5].map((n) => `${marker} volume ${n}`)
      for (const title of titles) await createBook(url, { title, author: 'Pager' }, 'creating a book')

      const pages = [0, 2, 4].map((skip) => `?limit=2&offset=${before + skip}`)
      for (const [n, query] of pages.entries()) {
        const p = page(await list(query, `page ${n + 1} (limit 2) of the books just created`))
        if (p.total !== before + 5)
          fail({
            expected: `total ${before + 5} after adding 5 books to ${before}`,
            found: `total ${p.total}`,
            hint: '`total` counts every book in the store, not only those on the page.',
          })
        const want = titles.slice(n * 2, n * 2 + 2)
        const got = p.items.map((b) => b.title)
        if (JSON.stringify(got) !== JSON.stringify(want))
          fail({
            expected: `${want.length} book(s) on page ${n + 1} with limit 2, in creation order`,
            found: `${got.length} book(s)${got.length > want.length ? ': the limit was not applied' : ''}`,
            hint: 'return items.slice(offset, offset + limit) of the books in creation order',
          })
      }

      const defaults = page(await list('', 'listing books without parameters'))
      if (defaults.items.length !== Math.min(20, defaults.total))
        fail({
          expected: `${Math.min(20, defaults.total)} books by default (limit 20)`,
          found: `${defaults.items.length}`,
          hint: 'Without a limit parameter, return the first 20 books.',
        })
      for (let n = defaults.total; n <= 100; n++)
        await createBook(url, { title: `${marker} filler ${n}`, author: 'Pager' }, 'creating a book')
      const big = page(await list('?limit=1000', 'asking for a page bigger than the maximum'))
      if (big.items.length !== 100)
        fail({
          expected: 'at most 100 books per page (a larger limit is capped at 100)',
          found: `${big.items.length} books for ?limit=1000`,
          hint: 'Treat a limit above 100 as 100, e.g. `Math.min(limit, 100)`; do not reject it and do not return more.',
        })
      expectBadRequestNaming(await list('?limit=abc', 'a limit that is not a number'), 'limit')
      expectBadRequestNaming(await list('?limit=5&offset=-3', 'a negative offset'), 'offset')
    },
  },
])
