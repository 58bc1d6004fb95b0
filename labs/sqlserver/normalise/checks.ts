import { defineChecks, expectAll, fail } from '@backend-labs/lab-kit'
import { qualifiedName, type SqlCheckContext } from '@backend-labs/sql-kit'
import { grandTotalQuery } from './grand-total-query.ts'
import { salesExpectations } from './sales-csv.ts'
import { expectSalesSchema, findSalesTables, sqlName } from './sales-tables.ts'

export const SCHEMA_FILES = ['schema.sql']
export const ALL_FILES = ['schema.sql', 'load.sql']

export default defineChecks<SqlCheckContext>('public', [
  {
    id: 'schema-runs',
    title: 'schema.sql runs without errors',
    points: 1,
    // Under the live engine the first check also waits for SQL Server to start.
    timeoutMs: 300_000,
    hints: [
      'Run schema.sql yourself against a scratch database (sqlcmd -i schema.sql, or Azure Data Studio).',
    ],
    async run(ctx) {
      await ctx.sql.apply(SCHEMA_FILES)
    },
  },
  {
    id: 'load-runs',
    title: 'load.sql runs without errors after schema.sql',
    points: 1,
    timeoutMs: 60_000,
    needs: ['schema-runs'],
    hints: ['Insert parents before children: customers and products, then orders, then order lines.'],
    async run(ctx) {
      await ctx.sql.apply(ALL_FILES)
    },
  },
  {
    id: 'sales-schema-tables',
    title: 'Every table is in the schema sales',
    points: 1,
    needs: ['schema-runs'],
    async run(ctx) {
      await ctx.sql.apply(SCHEMA_FILES)
      expectSalesSchema(await ctx.sql.model())
    },
  },
  {
    id: 'entity-tables',
    title: 'Customers, products, orders and order lines each have a table of their own',
    points: 2,
    needs: ['sales-schema-tables'],
    async run(ctx) {
      await ctx.sql.apply(SCHEMA_FILES)
      findSalesTables(await ctx.sql.model())
    },
  },
  {
    id: 'primary-keys',
    title: 'Every table has a primary key',
    points: 2,
    needs: ['sales-schema-tables'],
    hints: ['A surrogate key (INT IDENTITY) or the natural key (the order id, the SKU) both work.'],
    async run(ctx) {
      await ctx.sql.apply(SCHEMA_FILES)
      // every table without one at once, not one per attempt
      expectAll(
        expectSalesSchema(await ctx.sql.model()).map((t) => () => {
          if (!t.primaryKey)
            fail({
              expected: `${qualifiedName(t)} to have a primary key`,
              found: 'no primary key',
              ...(t.source ? { where: `${t.source.file}:${t.source.line}` } : {}),
              hint: 'add PRIMARY KEY to the key column, or CONSTRAINT PK_… PRIMARY KEY (…) to the table',
            })
        }),
      )
    },
  },
  {
    id: 'row-counts',
    title: 'After load.sql, each table holds as many rows as the spreadsheet has entities',
    points: 2,
    engines: ['live'],
    timeoutMs: 30_000,
    needs: ['load-runs', 'entity-tables'],
    async run(ctx) {
      await ctx.sql.apply(ALL_FILES)
      const tables = findSalesTables(await ctx.sql.model())
      const expected = salesExpectations()
      const want = {
        customers: expected.customers,
        products: expected.products,
        orders: expected.orders,
        orderLines: expected.orderLines,
      }
      // every table's count first, then each wrong one reported, all at once
      const counts = new Map<keyof typeof want, number>()
      for (const role of Object.keys(want) as (keyof typeof want)[]) {
        const [row] = await ctx.sql.query<{ n: number }>(
          `SELECT COUNT_BIG(*) AS n FROM ${sqlName(tables[role])}`,
        )
        counts.set(role, Number(row?.n ?? 0))
      }
      expectAll(
        (Object.entries(want) as [keyof typeof want, number][]).map(([role, count]) => () => {
          const table = tables[role]
          const found = counts.get(role) ?? 0
          if (found !== count)
            fail({
              expected: `${count} rows in ${qualifiedName(table)} (one per distinct ${role === 'orderLines' ? 'line of sales.csv' : role.replace(/s$/, '')} in sales.csv)`,
              found: `${found}`,
              hint:
                found > count
                  ? 'something is inserted twice: each customer, product and order once, each CSV row as one order line'
                  : 'some rows of sales.csv are missing from load.sql',
            })
        }),
      )
    },
  },
  {
    id: 'grand-total',
    title: 'The sum of quantity × unit price over all order lines matches the spreadsheet',
    points: 2,
    engines: ['live'],
    timeoutMs: 30_000,
    needs: ['load-runs', 'entity-tables'],
    async run(ctx) {
      await ctx.sql.apply(ALL_FILES)
      const query = grandTotalQuery(findSalesTables(await ctx.sql.model()))
      const [row] = await ctx.sql.query<{ total: number | string | null }>(query)
      const expected = salesExpectations().grandTotalCents / 100
      const found = row?.total === null || row?.total === undefined ? 0 : Number(row.total)
      if (Math.abs(found - expected) >= 0.005)
        fail({
          expected: `a grand total of ${expected.toFixed(2)} (the sum of quantity × unit_price over sales.csv)`,
          found: found.toFixed(2),
          hint: 'compare your INSERTs with the spreadsheet: a missing, doubled or mistyped line changes the total',
        })
    },
  },
])
