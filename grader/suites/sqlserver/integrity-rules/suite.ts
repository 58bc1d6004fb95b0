import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineChecks, defineSuite, expectAll, fail } from '@backend-labs/lab-kit'
import {
  expectAccepted,
  expectCheckBehaviour,
  expectColumn,
  expectForeignKey,
  expectRejected,
  type SqlCheckContext,
} from '@backend-labs/sql-kit'
import {
  expectDefaultLiteral,
  runShopProbe,
  SCHEMA_FILES,
  STATUSES,
} from '../../../../labs/sqlserver/integrity-rules/shop-rules.ts'

async function model(ctx: SqlCheckContext) {
  await ctx.sql.apply(SCHEMA_FILES)
  return ctx.sql.model()
}

const checks = defineChecks<SqlCheckContext>('hidden', [
  {
    id: 'status-rules',
    title: "An order's status is one of new, paid, shipped, cancelled, and new by default",
    points: 2,
    needs: ['script-runs'],
    async run(ctx) {
      const m = await model(ctx)
      const status = expectColumn(m, 'shop.Orders', 'Status')
      const list = STATUSES.map((s) => `'${s}'`).join(', ')
      // Both halves are reported in one run: a missing DEFAULT does not hide a missing CHECK.
      expectAll([
        () => expectDefaultLiteral(status.default?.expression, 'new', 'shop.Orders.Status'),
        () =>
          expectCheckBehaviour(m, 'shop.Orders', 'Status', {
            rule: `allow exactly ${list}`,
            rejects: ['shiped', 'returned', ''],
            accepts: STATUSES,
            hint: `CHECK (Status IN (${list}))`,
          }),
      ])
    },
  },
  {
    id: 'customer-orders-fk',
    title: 'Orders reference customers, and deleting a customer with orders is refused',
    points: 2,
    needs: ['script-runs'],
    async run(ctx) {
      expectForeignKey(await model(ctx), 'shop.Orders.CustomerId', 'shop.Customers(CustomerId)', {
        onDelete: 'NO ACTION',
      })
    },
  },
  {
    id: 'order-lines-fks',
    title: 'Order lines reference their order (deleted with it) and their product',
    points: 2,
    needs: ['script-runs'],
    async run(ctx) {
      const m = await model(ctx)
      expectAll([
        () => expectForeignKey(m, 'shop.OrderLines.OrderId', 'shop.Orders(OrderId)', { onDelete: 'CASCADE' }),
        () =>
          expectForeignKey(m, 'shop.OrderLines.ProductId', 'shop.Products(ProductId)', {
            onDelete: 'NO ACTION',
          }),
      ])
    },
  },
  {
    id: 'probe-missing-product',
    title: 'An order line for a product that does not exist is refused',
    points: 1,
    engines: ['live'],
    timeoutMs: 20_000,
    needs: ['order-lines-fks'],
    async run(ctx) {
      const outcome = await runShopProbe(
        ctx,
        'INSERT INTO shop.OrderLines (OrderId, LineNumber, ProductId, Quantity) VALUES (@order, 2, -1, 1);',
      )
      expectRejected(outcome, 'an order line for a product that does not exist', {
        errorNumber: 547,
        hint: 'add a foreign key from shop.OrderLines.ProductId to shop.Products',
      })
    },
  },
  {
    id: 'probe-delete-customer',
    title: 'Deleting a customer who has orders is refused',
    points: 1,
    engines: ['live'],
    timeoutMs: 20_000,
    needs: ['customer-orders-fk'],
    async run(ctx) {
      const outcome = await runShopProbe(ctx, 'DELETE FROM shop.Customers WHERE CustomerId = @customer;')
      expectRejected(outcome, 'deleting a customer who has an order', {
        errorNumber: 547,
        hint: 'the foreign key from shop.Orders to shop.Customers must use ON DELETE NO ACTION (the default)',
      })
    },
  },
  {
    id: 'probe-delete-order-cascades',
    title: 'Deleting an order deletes its lines',
    points: 1,
    engines: ['live'],
    timeoutMs: 20_000,
    needs: ['order-lines-fks'],
    async run(ctx) {
      const outcome = await runShopProbe(
        ctx,
        'DELETE FROM shop.Orders WHERE OrderId = @order;\nSELECT COUNT(*) AS lines FROM shop.OrderLines WHERE OrderId = @order;',
      )
      const hint = 'declare the foreign key from shop.OrderLines to shop.Orders with ON DELETE CASCADE'
      expectAccepted(outcome, 'deleting an order that has a line', hint)
      const left = outcome.status === 'accepted' ? Number(outcome.rows[0]?.lines ?? 0) : 0
      if (left !== 0)
        fail({
          expected: 'the lines of a deleted order to be deleted with it',
          found: `${left} line(s) left`,
          hint,
        })
    },
  },
  {
    id: 'probe-status-default',
    title: "An order inserted without a status gets 'new'",
    points: 1,
    engines: ['live'],
    timeoutMs: 20_000,
    needs: ['status-rules'],
    async run(ctx) {
      const outcome = await runShopProbe(
        ctx,
        'INSERT INTO shop.Orders (CustomerId, OrderedAt) VALUES (@customer, SYSUTCDATETIME());\nSELECT Status FROM shop.Orders WHERE OrderId = SCOPE_IDENTITY();',
      )
      expectAccepted(outcome, 'an order inserted without a status')
      const status = outcome.status === 'accepted' ? outcome.rows[0]?.Status : undefined
      if (status !== 'new')
        fail({
          expected: "an order inserted without a status to get the status 'new'",
          found: status === undefined || status === null ? 'no status (NULL)' : `'${String(status)}'`,
        })
    },
  },
])

const SUITE_DIR = fileURLToPath(new URL('.', import.meta.url))

/** A fixture that is the reference schema.sql with one edit, which must change the text. */
function solutionSchemaWith(edit: (text: string) => string): (dir: string) => Promise<void> {
  return async (dir) => {
    const text = await readFile(join(SUITE_DIR, 'solution', 'schema.sql'), 'utf8')
    const edited = edit(text)
    if (edited === text) throw new Error('fixture: the edit no longer changes solution/schema.sql')
    await writeFile(join(dir, 'schema.sql'), edited)
  }
}

export default defineSuite<SqlCheckContext>({
  checks,
  solution: { dir: 'solution' },
  alternatives: [
    {
      id: 'table-level-and-alter',
      title:
        'table-level constraints, ALTER TABLE … ADD CONSTRAINT, other names, OR-chained status and 0 < Price',
      dir: 'alternatives/table-level-and-alter',
    },
  ],
  fixtures: [
    {
      id: 'cascade-customers',
      title: 'deleting a customer cascades to their orders',
      fails: ['customer-orders-fk'],
      dir: 'fixtures/cascade-customers',
    },
    {
      id: 'missing-price-check',
      title: 'no CHECK on the product price',
      fails: ['price-check'],
      dir: 'fixtures/missing-price-check',
    },
    {
      id: 'syntax-error',
      title: 'a typo (NOT NUL) in the middle of the script',
      fails: ['script-runs'],
      dir: 'fixtures/syntax-error',
    },
    {
      id: 'reaches-outside',
      title: 'USE master and ALTER LOGIN in the script',
      fails: ['script-runs'],
      dir: 'fixtures/reaches-outside',
    },
    {
      // The static evaluator sees it; under live, probe-price-positive then skips for its dependency.
      id: 'price-zero-allowed',
      title: 'CHECK (Price >= 0): present, but a price of 0 gets through',
      fails: ['price-check'],
      dir: 'fixtures/price-zero-allowed',
    },
    {
      id: 'status-no-default-no-check',
      title: 'Status has neither its DEFAULT nor its CHECK: both reported by one check',
      fails: ['status-rules'],
      apply: solutionSchemaWith((t) =>
        t.replace(
          "\n    CONSTRAINT DF_Orders_Status DEFAULT 'new'\n    CONSTRAINT CK_Orders_Status CHECK (Status IN ('new', 'paid', 'shipped', 'cancelled'))",
          '',
        ),
      ),
    },
    {
      id: 'status-typo-allowed',
      title: "a CHECK on Status that lets 'returned' through as well",
      fails: ['status-rules'],
      apply: solutionSchemaWith((t) => t.replace("'cancelled'))", "'cancelled', 'returned'))")),
    },
  ],
})
