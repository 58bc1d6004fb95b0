export interface BookInput {
  title: string
  author: string
  year?: number
}

export interface Book extends BookInput {
  id: number
}

/** The books, in memory, in creation order. */
export class BookStore {
  private readonly books = new Map<number, Book>()
  private nextId = 1

  create(data: BookInput): Book {
    const book = { id: this.nextId++, ...data }
    this.books.set(book.id, book)
    return book
  }

  get(id: number): Book | undefined {
    return this.books.get(id)
  }

  replace(id: number, data: BookInput): Book | undefined {
    if (!this.books.has(id)) return undefined
    const book = { id, ...data }
    this.books.set(id, book)
    return book
  }

  delete(id: number): boolean {
    return this.books.delete(id)
  }

  page(limit: number, offset: number): { items: Book[]; total: number } {
    const all = [...this.books.values()]
    return { items: all.slice(offset, offset + limit), total: all.length }
  }
}
