export interface Book {
  id: number
  title: string
  author: string
  year?: number
}

/** The books, in memory, in creation order. */
export class BookStore {
  private readonly books = new Map<number, Book>()
  private nextId = 1

  create(data: Omit<Book, 'id'>): Book {
    const book = { id: this.nextId++, ...data }
    this.books.set(book.id, book)
    return book
  }

  all(): Book[] {
    return [...this.books.values()]
  }
}
