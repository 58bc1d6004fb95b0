import type { BookInput } from './books.ts'

export type Validation = { ok: true; value: BookInput } | { ok: false; field: string; message: string }

const nonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0

/** Checks a request body against the book contract; names the first invalid field. */
export function validateBook(body: unknown): Validation {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, field: 'body', message: 'the body must be a JSON object' }
  const { title, author, year } = body as Record<string, unknown>
  if (!nonEmptyString(title))
    return { ok: false, field: 'title', message: 'title must be a non-empty string' }
  if (!nonEmptyString(author))
    return { ok: false, field: 'author', message: 'author must be a non-empty string' }
  if (year !== undefined && !Number.isInteger(year))
    return { ok: false, field: 'year', message: 'year must be an integer' }
  const value: BookInput = { title, author }
  if (typeof year === 'number') value.year = year
  return { ok: true, value }
}

/** Reads `limit` and `offset`; the limit is capped at 100. */
export function parsePaging(
  params: URLSearchParams,
): { ok: true; limit: number; offset: number } | { ok: false; field: string; message: string } {
  const limit = Number(params.get('limit') ?? 20)
  const offset = Number(params.get('offset') ?? 0)
  if (!Number.isInteger(limit) || limit < 1)
    return { ok: false, field: 'limit', message: 'limit must be a positive integer' }
  if (!Number.isInteger(offset) || offset < 0)
    return { ok: false, field: 'offset', message: 'offset must be an integer >= 0' }
  return { ok: true, limit: Math.min(limit, 100), offset }
}
