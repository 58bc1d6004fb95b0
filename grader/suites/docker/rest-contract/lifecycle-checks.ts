import { type ApiCheckContext, expectJsonObject, expectStatus, send } from '@backend-labs/http-kit'
import { defineChecks, fail } from '@backend-labs/lab-kit'
import {
  type BookId,
  bookPath,
  createBook,
  expectBookFields,
  expectJsonError,
} from '../../../../labs/docker/rest-contract/book-api.ts'

/** An id of the same kind as `id` that no book has. */
function unknownId(id: BookId): BookId {
  if (typeof id === 'number') return id === 987_654_321 ? 987_654_322 : 987_654_321
  return /^\d+$/.test(id) ? '987654321' : '00000000-0000-4000-8000-000000000000'
}

export const lifecycleChecks = defineChecks<ApiCheckContext>('hidden', [
  {
    id: 'read-and-update',
    title: 'GET and PUT /books/:id read and replace a book; unknown ids get 404',
    points: 2,
    needs: ['create-book'],
    async run(ctx) {
      const { url } = await ctx.docker.app()
      const original = { title: 'Kindred', author: 'Octavia E. Butler', year: 1979 }
      const { id } = await createBook(url, original, 'creating a book')
      const read = await send(url, { path: bookPath(id), label: 'reading the book just created' })
      expectStatus(read, 200)
      expectBookFields(expectJsonObject(read), original, 'the book read back')

      const changed = { title: 'Parable of the Sower', author: 'Octavia E. Butler', year: 1993 }
      const put = await send(url, {
        method: 'PUT',
        path: bookPath(id),
        body: changed,
        label: 'replacing that book with valid new data',
      })
      expectStatus(put, [200, 204], 'a successful update answers 200 (with the book) or 204')
      const after = await send(url, { path: bookPath(id), label: 'reading the book after the update' })
      expectStatus(after, 200)
      expectBookFields(expectJsonObject(after), changed, 'the book after the update')

      const missing = unknownId(id)
      expectJsonError(
        await send(url, { path: bookPath(missing), label: 'reading a book id that does not exist' }),
        404,
      )
      expectJsonError(
        await send(url, {
          method: 'PUT',
          path: bookPath(missing),
          body: changed,
          label: 'updating a book id that does not exist',
        }),
        404,
      )
    },
  },
  {
    id: 'delete-book',
    title: 'DELETE /books/:id answers 204, and the book is gone afterwards',
    points: 2,
    needs: ['create-book'],
    async run(ctx) {
      const { url } = await ctx.docker.app()
      const { id } = await createBook(url, { title: 'Solaris', author: 'Stanisław Lem' }, 'creating a book')
      const del = await send(url, { method: 'DELETE', path: bookPath(id), label: 'deleting that book' })
      expectStatus(del, 204, 'a successful delete answers 204 No Content with an empty body')
      if (del.text.trim() !== '')
        fail({ expected: 'an empty body with 204 after deleting a book', found: 'a body' })
      expectJsonError(
        await send(url, { path: bookPath(id), label: 'reading a book after deleting it' }),
        404,
        'a deleted book must be gone: remove it from the store',
      )
      expectJsonError(
        await send(url, { method: 'DELETE', path: bookPath(id), label: 'deleting the same book again' }),
        404,
      )
    },
  },
  {
    id: 'errors-are-json',
    title: 'Unknown routes answer 404 with a JSON error body',
    points: 1,
    needs: ['serves'],
    async run(ctx) {
      const { url } = await ctx.docker.app()
      expectJsonError(
        await send(url, { path: '/no-such-route/here', label: 'a GET on a route the API does not have' }),
        404,
        'answer unknown routes with 404 and a JSON body such as {"error": "not found"}',
      )
      expectJsonError(
        await send(url, { method: 'POST', path: '/authors', body: {}, label: 'a POST to an unknown route' }),
        404,
      )
    },
  },
])
