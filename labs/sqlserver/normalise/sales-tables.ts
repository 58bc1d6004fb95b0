import { fail } from '@backend-labs/lab-kit'
import {
  type ColumnModel,
  expectTable,
  qualifiedName,
  type SchemaModel,
  sameName,
  type TableModel,
} from '@backend-labs/sql-kit'

/** The schema the README fixes; table names inside it are the learner's choice. */
export const SALES_SCHEMA = 'sales'

/** Column names that give a table its role (the README asks for these words in the names). */
export const ROLE_COLUMNS = {
  orderLines: /quantity|qty/i,
  customers: /e-?mail/i,
  products: /sku/i,
  orders: /date|ordered/i,
} as const

export interface SalesTables {
  customers: TableModel
  products: TableModel
  orders: TableModel
  orderLines: TableModel
}

const ROLE_TEXT: Record<keyof SalesTables, string> = {
  orderLines: 'order lines (a Quantity column)',
  customers: 'customers (an Email column)',
  products: 'products (a Sku column)',
  orders: 'orders (an OrderDate column)',
}

export const hasColumn = (t: TableModel, pattern: RegExp) => t.columns.some((c) => pattern.test(c.name))

/** Every table must be in the sales schema: "expected a table sales.Customers, but found dbo.Customers". */
export function expectSalesSchema(model: SchemaModel): TableModel[] {
  const outside = model.tables.filter((t) => !sameName(t.schema, SALES_SCHEMA))
  const first = outside[0]
  if (first) expectTable(model, `${SALES_SCHEMA}.${first.name}`)
  const tables = model.tables.filter((t) => sameName(t.schema, SALES_SCHEMA))
  if (tables.length === 0)
    fail({
      expected: `your tables in the schema ${SALES_SCHEMA}`,
      found: 'no tables',
      hint: `start schema.sql with CREATE SCHEMA ${SALES_SCHEMA}; then GO, then CREATE TABLE ${SALES_SCHEMA}.… (…)`,
    })
  return tables
}

/**
 * The four entities, each in its own table, found by what they hold rather than by name: the order
 * lines hold the quantity, customers the email, products the SKU, orders the date.
 */
export function findSalesTables(model: SchemaModel): SalesTables {
  const tables = model.tables.filter((t) => sameName(t.schema, SALES_SCHEMA))
  const taken: TableModel[] = []
  const pick = (role: keyof SalesTables): TableModel => {
    const candidates = tables.filter((t) => !taken.includes(t) && hasColumn(t, ROLE_COLUMNS[role]))
    const table = candidates[0]
    if (!table) {
      const shared = taken.find((t) => hasColumn(t, ROLE_COLUMNS[role]))
      fail({
        expected: `a table of its own for ${ROLE_TEXT[role]} in the schema ${SALES_SCHEMA}`,
        found: shared
          ? `them in ${qualifiedName(shared)}, together with ${taken.length === 1 ? 'the order lines' : 'other entities'}`
          : `no such table among ${tables.map(qualifiedName).join(', ') || 'your tables'}`,
        ...(shared?.source ? { where: `${shared.source.file}:${shared.source.line}` } : {}),
        hint: 'split the spreadsheet into customers, products, orders and order lines: one table per entity, linked by keys',
      })
    }
    taken.push(table)
    return table
  }
  const orderLines = pick('orderLines')
  const customers = pick('customers')
  const products = pick('products')
  const orders = pick('orders')
  return { customers, products, orders, orderLines }
}

/** The columns of `table` that a foreign key uses. */
export function foreignKeyColumns(table: TableModel): ColumnModel[] {
  return table.columns.filter((c) =>
    table.foreignKeys.some((f) => f.columns.some((n) => sameName(n, c.name))),
  )
}

/** `[sales].[Order Lines]`: a model name made safe to splice into grader SQL. */
export function sqlName(t: { schema: string; name: string } | string): string {
  const q = (n: string) => `[${n.replaceAll(']', ']]')}]`
  return typeof t === 'string' ? q(t) : `${q(t.schema)}.${q(t.name)}`
}
