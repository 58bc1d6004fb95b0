export interface Quote {
  id: number
  text: string
  author: string
}

const quotes: Quote[] = [
  { id: 1, text: 'Simplicity is prerequisite for reliability.', author: 'Edsger W. Dijkstra' },
  { id: 2, text: 'Make it work, make it right, make it fast.', author: 'Kent Beck' },
  {
    id: 3,
    text: 'The most important property of a program is whether it accomplishes the intention of its user.',
    author: 'C. A. R. Hoare',
  },
]

export function listQuotes(): readonly Quote[] {
  return quotes
}

export function findQuote(id: number): Quote | undefined {
  return quotes.find((q) => q.id === id)
}
