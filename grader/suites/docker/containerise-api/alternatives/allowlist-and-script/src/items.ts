export interface Item {
  id: number
  name: string
  createdAt: string
}

/** The items, in memory: they are gone when the process stops. */
const items: Item[] = [
  { id: 1, name: 'Notebook', createdAt: '2026-01-05T09:00:00.000Z' },
  { id: 2, name: 'Pencil', createdAt: '2026-01-05T09:01:00.000Z' },
]

export function listItems(): Item[] {
  return items
}

export function addItem(name: string): Item {
  const item = { id: (items.at(-1)?.id ?? 0) + 1, name, createdAt: new Date().toISOString() }
  items.push(item)
  return item
}
