import { setTimeout as sleep } from 'node:timers/promises'

export interface Product {
  id: number
  name: string
  priceCents: number
}

/** Products kept in memory (this lab is about observing the API, not storing). */
export class Catalog {
  private readonly products = new Map<number, Product>()
  private nextId = 1

  constructor() {
    this.add('Espresso cup', 900)
    this.add('Milk jug', 1900)
  }

  add(name: string, priceCents: number): Product {
    const product = { id: this.nextId++, name, priceCents }
    this.products.set(product.id, product)
    return product
  }

  get(id: number): Product | undefined {
    return this.products.get(id)
  }

  list(): Product[] {
    return [...this.products.values()]
  }

  /** The daily report: slow on purpose (about 300 ms), like a real aggregate query. */
  async dailyReport(): Promise<{ products: number; totalCents: number }> {
    await sleep(300)
    const all = this.list()
    return { products: all.length, totalCents: all.reduce((sum, p) => sum + p.priceCents, 0) }
  }
}
