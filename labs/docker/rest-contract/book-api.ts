import {
  expectContentType,
  expectJsonObject,
  expectStatus,
  type HttpExchange,
  send,
} from '@backend-labs/http-kit'
import { fail } from '@backend-labs/lab-kit'

export type BookId = string | number

/** A book as the contract describes it. */
export interface BookData {
  title: string
  author: string
  year?: number
}

/** The path of one book; ids may be numbers or strings (e.g. uuids). */
export function bookPath(id: BookId): string {
  return `/books/${encodeURIComponent(String(id))}`
}

/** The id of a created book: `id` in the body, else the last segment of the Location header. */
export function createdId(x: HttpExchange): BookId {
  const body = expectJsonObject(x)
  const id = body.id
  if (typeof id === 'number' || (typeof id === 'string' && id !== '')) return id
  const location = x.headers.get('location')
  const last = location?.split('/').filter(Boolean).pop()
  if (last) return decodeURIComponent(last)
  return fail({
    expected: `the created book's id in the body of the answer to ${x.label} (a field "id")`,
    found: id === undefined ? 'no "id" field and no Location header' : `"id" is ${JSON.stringify(id)}`,
    hint: 'answer 201 with the stored book, including the id the server gave it',
  })
}

/** Creates a book, insisting on 201 + JSON, and returns its id and the answer. */
export async function createBook(
  baseUrl: string,
  book: BookData,
  label: string,
): Promise<{ id: BookId; exchange: HttpExchange }> {
  const x = await send(baseUrl, { method: 'POST', path: '/books', body: book, label })
  expectStatus(x, 201, 'a successful create answers 201 Created')
  expectContentType(x, 'application/json')
  return { id: createdId(x), exchange: x }
}

/** Fails unless every field of `want` has the same value in `found`. */
export function expectBookFields(found: Record<string, unknown>, want: BookData, what: string): void {
  const wrong = Object.entries(want).filter(([k, v]) => found[k] !== v)
  if (wrong.length === 0) return
  fail({
    expected: `${what} to have ${wrong.map(([k, v]) => `${k} ${JSON.stringify(v)}`).join(', ')}`,
    found: wrong.map(([k]) => `${k} ${JSON.stringify(found[k]) ?? 'missing'}`).join(', '),
  })
}

/** Fails unless the answer is `status` with a JSON object body (an error body must be JSON too). */
export function expectJsonError(x: HttpExchange, status: number, hint?: string): Record<string, unknown> {
  expectStatus(x, status, hint)
  expectContentType(x, 'application/json')
  return expectJsonObject(x)
}
