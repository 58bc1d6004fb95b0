import { randomUUID } from 'node:crypto'
import { HttpError } from './respond.ts'

export interface Book {
  id: string
  title: string
  author: string
  year: number | null
  createdAt: string
  updatedAt: string
}

const books: Book[] = []

/** Validates a create/replace body; reports every invalid field at once. */
export function parseBook(input: unknown): Pick<Book, 'title' | 'author' | 'year'> {
  const data = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>
  const errors: { field: string; problem: string }[] = []
  for (const field of ['title', 'author'] as const) {
    const value = data[field]
    if (typeof value !== 'string' || value.trim() === '') errors.push({ field, problem: 'required text' })
  }
  if (data.year !== undefined && data.year !== null && !Number.isInteger(data.year))
    errors.push({ field: 'year', problem: 'must be a whole number' })
  if (errors.length) throw new HttpError(400, 'Validation failed', { errors })
  return {
    title: String(data.title),
    author: String(data.author),
    year: (data.year as number | undefined) ?? null,
  }
}

export const catalog = {
  add(fields: Pick<Book, 'title' | 'author' | 'year'>): Book {
    const now = new Date().toISOString()
    const book = { id: randomUUID(), ...fields, createdAt: now, updatedAt: now }
    books.push(book)
    return book
  },
  find(id: string): Book {
    const book = books.find((b) => b.id === id)
    if (!book) throw new HttpError(404, 'Book not found', { id })
    return book
  },
  replace(id: string, fields: Pick<Book, 'title' | 'author' | 'year'>): void {
    Object.assign(catalog.find(id), fields, { updatedAt: new Date().toISOString() })
  },
  remove(id: string): void {
    books.splice(books.indexOf(catalog.find(id)), 1)
  },
  slice(offset: number, limit: number): { items: Book[]; total: number } {
    return { items: books.slice(offset, offset + limit), total: books.length }
  },
}
