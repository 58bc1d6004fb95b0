import { defineChecks, expectAll } from '@backend-labs/lab-kit'
import {
  expectCheckBehaviour,
  expectColumn,
  expectRejected,
  expectUnique,
  type SqlCheckContext,
} from '@backend-labs/sql-kit'
import { runShopProbe, SCHEMA_FILES } from './shop-rules.ts'

const REQUIRED: [string, string][] = [
  ['shop.Customers', 'Name'],
  ['shop.Customers', 'Email'],
  ['shop.Products', 'Name'],
  ['shop.Products', 'Price'],
  ['shop.Orders', 'CustomerId'],
  ['shop.Orders', 'OrderedAt'],
  ['shop.Orders', 'Status'],
  ['shop.OrderLines', 'ProductId'],
  ['shop.OrderLines', 'Quantity'],
]

export default defineChecks<SqlCheckContext>('public', [
  {
    id: 'script-runs',
    title: 'schema.sql runs without errors',
    points: 1,
    // Under the live engine the first check also waits for SQL Server to start.
    timeoutMs: 300_000,
    async run(ctx) {
      await ctx.sql.apply(SCHEMA_FILES)
    },
  },
  {
    id: 'not-null-columns',
    title: 'Required columns are NOT NULL',
    points: 2,
    needs: ['script-runs'],
    async run(ctx) {
      await ctx.sql.apply(SCHEMA_FILES)
      const model = await ctx.sql.model()
      expectAll(
        REQUIRED.map(
          ([table, column]) =>
            () =>
              expectColumn(model, table, column, { nullable: false }),
        ),
      )
    },
  },
  {
    id: 'email-unique',
    title: 'No two customers share an email',
    points: 1,
    needs: ['script-runs'],
    async run(ctx) {
      await ctx.sql.apply(SCHEMA_FILES)
      expectUnique(await ctx.sql.model(), 'shop.Customers', ['Email'])
    },
  },
  {
    id: 'price-check',
    title: 'A CHECK constraint refuses a product price of 0 or below',
    points: 1,
    needs: ['script-runs'],
    async run(ctx) {
      await ctx.sql.apply(SCHEMA_FILES)
      // Judged by what the CHECK allows, not by its text: 0 and below refused, a real price accepted.
      expectCheckBehaviour(await ctx.sql.model(), 'shop.Products', 'Price', {
        rule: 'be greater than 0',
        rejects: [0, -5],
        accepts: [0.01, 10],
        hint: 'a price of 0 is refused too: CHECK (Price > 0)',
      })
    },
  },
  {
    id: 'probe-price-positive',
    title: 'A product priced 0 or below is refused',
    points: 2,
    engines: ['live'],
    timeoutMs: 20_000,
    needs: ['price-check'],
    async run(ctx) {
      const hint = 'a price must be greater than 0: CHECK (Price > 0)'
      for (const price of ['-5.00', '0']) {
        const outcome = await runShopProbe(
          ctx,
          `INSERT INTO shop.Products (Name, Price) VALUES (N'Free sample', ${price});`,
        )
        expectRejected(outcome, `a product priced ${price}`, { errorNumber: 547, hint })
      }
    },
  },
])
