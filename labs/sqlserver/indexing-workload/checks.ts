import { defineChecks } from '@backend-labs/lab-kit'
import type { SqlCheckContext } from '@backend-labs/sql-kit'
import { expectLedIndex } from './index-rules.ts'
import { applyIndexes, expectProvidedScripts } from './provided-scripts.ts'

// The first apply may wait for SQL Server to start (live engine).
export const APPLY_TIMEOUT_MS = 180_000

export default defineChecks<SqlCheckContext>('public', [
  {
    id: 'scripts-run',
    title: 'indexes.sql runs without errors after the provided setup.sql and seed.sql',
    points: 1,
    timeoutMs: APPLY_TIMEOUT_MS,
    hints: ['Run setup.sql, seed.sql and then indexes.sql on your own SQL Server to see the same error.'],
    async run(ctx) {
      await expectProvidedScripts(ctx)
      await applyIndexes(ctx)
    },
  },
  {
    id: 'orders-by-customer-index',
    title: 'Q1 (order history) has an index on shop.Orders led by CustomerId that covers the query',
    points: 2,
    needs: ['scripts-run'],
    timeoutMs: APPLY_TIMEOUT_MS,
    async run(ctx) {
      await applyIndexes(ctx)
      expectLedIndex(await ctx.sql.model(), 'shop.Orders', {
        leading: 'CustomerId',
        covers: ['OrderedAt', 'TotalAmount'],
        query: "Q1, a customer's order history",
        hint: 'the equality column comes first: CREATE INDEX … ON shop.Orders (CustomerId, OrderedAt DESC) INCLUDE (…)',
      })
    },
  },
  {
    id: 'email-lookup-index',
    title: 'Q3 (sign-in) has an index or unique constraint on shop.Customers led by Email',
    points: 1,
    needs: ['scripts-run'],
    timeoutMs: APPLY_TIMEOUT_MS,
    async run(ctx) {
      await applyIndexes(ctx)
      expectLedIndex(await ctx.sql.model(), 'shop.Customers', {
        leading: 'Email',
        covers: [],
        query: 'Q3, the sign-in lookup by email',
        hint: 'CREATE INDEX … ON shop.Customers (Email) (an email belongs to one customer: UNIQUE fits too)',
      })
    },
  },
])
