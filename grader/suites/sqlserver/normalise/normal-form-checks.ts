import { defineChecks, expectAll, fail } from '@backend-labs/lab-kit'
import {
  describeType,
  expectCheckBehaviour,
  expectUnique,
  qualifiedName,
  type SqlCheckContext,
  sameName,
  type TableModel,
} from '@backend-labs/sql-kit'
import { SCHEMA_FILES } from '../../../../labs/sqlserver/normalise/checks.ts'
import { readSalesCsv } from '../../../../labs/sqlserver/normalise/sales-csv.ts'
import {
  findSalesTables,
  foreignKeyColumns,
  ROLE_COLUMNS,
  SALES_SCHEMA,
} from '../../../../labs/sqlserver/normalise/sales-tables.ts'

const CUSTOMER_DETAILS = /e-?mail|city|customer_?name|full_?name/i
const PRODUCT_DETAILS = /sku|product_?name|category|title/i
const MONEY = /price|amount|cost/i
const INTEGER_TYPES = ['int', 'smallint', 'tinyint', 'bigint']
/** A quantity the spreadsheet holds: a rule stricter than "above 0" must still let it in. */
const LARGEST_QUANTITY = Math.max(...readSalesCsv().map((r) => r.quantity))

const where = (t: { source?: { file: string; line: number } }) =>
  t.source ? { where: `${t.source.file}:${t.source.line}` } : {}

/**
 * Columns of `table` that repeat another entity's details. A key is a reference, not a repeat: a
 * foreign key column, or a column named like another table's primary key (the foreign key itself
 * is judged by foreign-keys).
 */
function repeatedDetails(table: TableModel, pattern: RegExp, others: TableModel[]): string[] {
  const keys = [
    ...foreignKeyColumns(table).map((c) => c.name),
    ...others.flatMap((t) => t.primaryKey?.columns.map((c) => c.name) ?? []),
  ]
  return table.columns
    .filter((c) => !keys.some((k) => sameName(k, c.name)) && pattern.test(c.name))
    .map((c) => c.name)
}

async function salesTables(ctx: SqlCheckContext) {
  await ctx.sql.apply(SCHEMA_FILES)
  const model = await ctx.sql.model()
  return { model, tables: findSalesTables(model) }
}

export const normalFormChecks = defineChecks<SqlCheckContext>('hidden', [
  {
    id: 'third-normal-form',
    title: 'Order lines and orders hold no customer or product details (third normal form)',
    points: 3,
    needs: ['entity-tables'],
    async run(ctx) {
      const { tables } = await salesTables(ctx)
      const details = new RegExp(`${CUSTOMER_DETAILS.source}|${PRODUCT_DETAILS.source}`, 'i')
      const entities = [tables.customers, tables.products, tables.orders]
      const lines = repeatedDetails(tables.orderLines, details, entities)
      const orders = repeatedDetails(tables.orders, details, [tables.customers, tables.products])
      const pairs = [
        [tables.orderLines, lines],
        [tables.orders, orders],
      ] as const
      expectAll(
        pairs.map(([table, columns]) => () => {
          if (columns.length)
            fail({
              expected: `${qualifiedName(table)} to refer to customers and products by key only`,
              found: `it repeats ${columns.join(', ')}`,
              ...where(table),
              hint: 'keep each detail in the table of the entity it describes, and reach it through the foreign key',
            })
        }),
      )
    },
  },
  {
    id: 'foreign-keys',
    title: 'Orders reference customers; order lines reference orders and products',
    points: 3,
    needs: ['entity-tables'],
    async run(ctx) {
      const { tables } = await salesTables(ctx)
      const links: [TableModel, TableModel][] = [
        [tables.orders, tables.customers],
        [tables.orderLines, tables.orders],
        [tables.orderLines, tables.products],
      ]
      expectAll(
        links.map(([from, to]) => () => {
          if (from.foreignKeys.some((f) => sameName(f.referencedTable, qualifiedName(to)))) return
          const others = from.foreignKeys.map((f) => f.referencedTable)
          fail({
            expected: `${qualifiedName(from)} to reference ${qualifiedName(to)} with a foreign key`,
            found: others.length ? `foreign keys to ${others.join(', ')} only` : 'no foreign key',
            ...where(from),
            hint: `add CONSTRAINT FK_… FOREIGN KEY (…) REFERENCES ${qualifiedName(to)} (…)`,
          })
        }),
      )
    },
  },
  {
    id: 'money-types',
    title: 'Prices are exact decimals (DECIMAL(p, 2)), not floating point',
    points: 2,
    needs: ['entity-tables'],
    async run(ctx) {
      const { model } = await salesTables(ctx)
      const money = model.tables
        .filter((t) => sameName(t.schema, SALES_SCHEMA))
        .flatMap((t) => t.columns.filter((c) => MONEY.test(c.name) && !c.computed).map((c) => ({ t, c })))
      if (money.length === 0)
        fail({ expected: 'a unit price column (a name with Price in it)', found: 'none in your tables' })
      expectAll(
        money.map(({ t, c }) => () => {
          const exact =
            (c.type === 'decimal' || c.type === 'numeric') && (c.scale ?? 0) >= 2 && (c.scale ?? 0) <= 4
          if (!exact)
            fail({
              expected: `${qualifiedName(t)}.${c.name} to be an exact decimal such as decimal(10, 2)`,
              found: describeType(c),
              ...where(c),
              hint: 'FLOAT and REAL store binary fractions: 0.1 + 0.2 is not 0.3. Money is DECIMAL(p, 2).',
            })
        }),
      )
    },
  },
  {
    id: 'column-rules',
    title: 'Emails are NVARCHAR and unique; quantities are integers checked to be above 0',
    points: 2,
    needs: ['entity-tables'],
    async run(ctx) {
      const { model, tables } = await salesTables(ctx)
      const email = tables.customers.columns.find((c) => ROLE_COLUMNS.customers.test(c.name))
      const quantity = tables.orderLines.columns.find((c) => ROLE_COLUMNS.orderLines.test(c.name))
      if (!email || !quantity) throw new Error('entity-tables found the tables by these columns')
      const name = (t: TableModel, c: string) => `${qualifiedName(t)}.${c}`
      expectAll([
        () => {
          if (email.type !== 'nvarchar')
            fail({
              expected: `${name(tables.customers, email.name)} to be NVARCHAR`,
              found: describeType(email),
              ...where(email),
              hint: 'emails may hold any Unicode letter: use NVARCHAR(254) or longer',
            })
        },
        () => expectUnique(model, qualifiedName(tables.customers), [email.name]),
        () => {
          if (!INTEGER_TYPES.includes(quantity.type ?? ''))
            fail({
              expected: `${name(tables.orderLines, quantity.name)} to be INT`,
              found: describeType(quantity),
              ...where(quantity),
            })
        },
        // Judged by what the CHECK allows: "above 0" means 0 is refused and 1 accepted.
        () =>
          expectCheckBehaviour(model, qualifiedName(tables.orderLines), quantity.name, {
            rule: 'be greater than 0',
            rejects: [0, -1],
            accepts: [1, LARGEST_QUANTITY],
            hint: `CHECK (${quantity.name} > 0)`,
          }),
      ])
    },
  },
])
