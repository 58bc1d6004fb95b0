/** A stored document and how many fields it has, counted through every nested object and array. */
export interface StoredDocument {
  id: number
  fields: number
}

/** Counts the fields of a JSON value: every object key and array element, at every depth. */
export function countFields(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + 1 + countFields(v), 0)
  if (value !== null && typeof value === 'object')
    return Object.values(value).reduce((n: number, v) => n + 1 + countFields(v), 0)
  return 0
}

/** Documents kept in memory (this lab is about the HTTP side). */
export class DocumentStore {
  private readonly documents = new Map<number, unknown>()
  private nextId = 1

  add(document: unknown): StoredDocument {
    const id = this.nextId++
    this.documents.set(id, document)
    return { id, fields: countFields(document) }
  }

  get(id: number): unknown {
    return this.documents.get(id)
  }
}
