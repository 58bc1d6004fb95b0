import { readFileSync } from 'node:fs'

/** One row of the spreadsheet the learner normalises: one product on one order. */
export interface SalesRow {
  orderId: number
  orderDate: string
  customerName: string
  customerEmail: string
  customerCity: string
  productSku: string
  productName: string
  category: string
  /** Exact money, in cents (the CSV has two decimals). */
  unitPriceCents: number
  quantity: number
}

/** What a correct load must produce, computed from the CSV itself (never hard-coded). */
export interface SalesExpectations {
  customers: number
  products: number
  orders: number
  orderLines: number
  grandTotalCents: number
}

const CSV_URL = new URL('./starter/sales.csv', import.meta.url)

/** The starter's sales.csv (the grader's copy: a learner who edits theirs is still graded on this one). */
export function readSalesCsv(text = readFileSync(CSV_URL, 'utf8')): SalesRow[] {
  const [header, ...records] = parseCsv(text)
  if (!header) return []
  const at = (record: string[], name: string) => record[header.indexOf(name)] ?? ''
  return records.map((r) => ({
    orderId: Number(at(r, 'order_id')),
    orderDate: at(r, 'order_date'),
    customerName: at(r, 'customer_name'),
    customerEmail: at(r, 'customer_email'),
    customerCity: at(r, 'customer_city'),
    productSku: at(r, 'product_sku'),
    productName: at(r, 'product_name'),
    category: at(r, 'category'),
    unitPriceCents: Math.round(Number(at(r, 'unit_price')) * 100),
    quantity: Number(at(r, 'quantity')),
  }))
}

export function salesExpectations(rows: readonly SalesRow[] = readSalesCsv()): SalesExpectations {
  const distinct = (f: (r: SalesRow) => string | number) => new Set(rows.map(f)).size
  return {
    customers: distinct((r) => r.customerEmail.toLowerCase()),
    products: distinct((r) => r.productSku),
    orders: distinct((r) => r.orderId),
    orderLines: rows.length,
    grandTotalCents: rows.reduce((sum, r) => sum + r.unitPriceCents * r.quantity, 0),
  }
}

/** RFC 4180: fields in double quotes may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      record.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      record.push(field)
      if (record.some((f) => f !== '')) records.push(record)
      record = []
      field = ''
    } else field += ch
  }
  record.push(field)
  if (record.some((f) => f !== '')) records.push(record)
  return records
}
