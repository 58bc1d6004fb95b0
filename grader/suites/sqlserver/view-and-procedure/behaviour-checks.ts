import { defineChecks, fail } from '@backend-labs/lab-kit'
import { procedureFlowOf, type SqlCheckContext } from '@backend-labs/sql-kit'
import {
  APPLY_TIMEOUT_MS,
  applyLab,
  expectModule,
} from '../../../../labs/sqlserver/view-and-procedure/lab-scripts.ts'
import { callPlaceOrder } from './place-order-call.ts'
import { structureProblems } from './procedure-structure.ts'

const VIEW_MISMATCHES = `
WITH expected AS (
  SELECT o.OrderId, o.CustomerId, c.Name AS CustomerName, o.OrderedAt,
    COUNT(*) AS LineCount, SUM(l.Quantity) AS ItemCount, CAST(SUM(l.Quantity * l.UnitPrice) AS decimal(19, 2)) AS OrderTotal
  FROM shop.Orders AS o
  JOIN shop.Customers AS c ON c.CustomerId = o.CustomerId
  JOIN shop.OrderLines AS l ON l.OrderId = o.OrderId
  GROUP BY o.OrderId, o.CustomerId, c.Name, o.OrderedAt
), actual AS (
  SELECT OrderId, CustomerId, CustomerName, OrderedAt, LineCount, ItemCount, CAST(OrderTotal AS decimal(19, 2)) AS OrderTotal
  FROM reporting.OrderSummary
)
SELECT (SELECT COUNT(*) FROM expected) AS expectedRows, (SELECT COUNT(*) FROM actual) AS viewRows,
  (SELECT COUNT(*) FROM (SELECT * FROM expected EXCEPT SELECT * FROM actual) AS d) AS wrongRows,
  (SELECT TOP (1) OrderId FROM (SELECT * FROM expected EXCEPT SELECT * FROM actual) AS d ORDER BY OrderId) AS firstWrong`

export const behaviourChecks = defineChecks<SqlCheckContext>('hidden', [
  {
    id: 'procedure-structure',
    title:
      'shop.PlaceOrder changes data only inside its transaction, and its CATCH block rolls back and raises the error to the caller',
    points: 1,
    needs: ['procedure-exists'],
    timeoutMs: APPLY_TIMEOUT_MS,
    async run(ctx) {
      const proc = expectModule(await applyLab(ctx), 'procedure', 'shop.PlaceOrder')
      const where = proc.source ? { where: `${proc.source.file}:${proc.source.line}` } : {}
      const flow = procedureFlowOf(proc)
      if (!flow)
        fail({
          expected: 'shop.PlaceOrder to be a T-SQL procedure the grader can read',
          found: 'a definition the grader cannot parse',
          ...where,
        })
      const problems = structureProblems(flow)
      if (problems.length)
        fail({
          expected:
            'BEGIN TRANSACTION before the first change, COMMIT at the end of the TRY block, and in BEGIN CATCH … END CATCH a ROLLBACK and a THROW (or RAISERROR with severity 11 or more)',
          found: problems.join('; '),
          ...where,
          hint: 'begin the transaction before the first change; in BEGIN CATCH, ROLLBACK if @@TRANCOUNT > 0 and then THROW; (a CATCH that only prints, or raises severity 10, swallows the error)',
        })
    },
  },
  {
    id: 'view-aggregates',
    title: 'reporting.OrderSummary returns one correct row per order (line count, item count, total)',
    points: 2,
    engines: ['live'],
    needs: ['view-columns'],
    timeoutMs: 60_000,
    async run(ctx) {
      await applyLab(ctx)
      const [r] = await ctx.sql.query<{
        expectedRows: number
        viewRows: number
        wrongRows: number
        firstWrong: number | null
      }>(VIEW_MISMATCHES)
      if (!r) throw new Error('the view comparison returned no row')
      if (r.viewRows === r.expectedRows && r.wrongRows === 0) return
      fail({
        expected: `one row per order with its lines (${r.expectedRows} orders in the seed data), with LineCount = number of lines, ItemCount = sum of quantities, OrderTotal = sum of quantity × unit price`,
        found: `${r.viewRows} rows${r.firstWrong !== null ? `; order ${r.firstWrong} is missing or has other values` : ''}`,
        hint: 'join Orders, Customers and OrderLines, GROUP BY the order columns, and use the price stored on each line',
      })
    },
  },
  {
    id: 'order-placed',
    title: 'Calling shop.PlaceOrder with enough stock creates the order and its line and takes the stock',
    points: 2,
    engines: ['live'],
    needs: ['procedure-exists'],
    timeoutMs: 60_000,
    async run(ctx) {
      await applyLab(ctx)
      const call = await callPlaceOrder(ctx, { customerId: 3, productId: 2, quantity: 3 })
      const [line] = await ctx.sql.query<{
        customerId: number
        productId: number
        quantity: number
        priced: number
      }>(`
SELECT TOP (1) o.CustomerId AS customerId, l.ProductId AS productId, l.Quantity AS quantity,
  CASE WHEN l.UnitPrice = p.UnitPrice THEN 1 ELSE 0 END AS priced
FROM shop.Orders AS o JOIN shop.OrderLines AS l ON l.OrderId = o.OrderId JOIN shop.Products AS p ON p.ProductId = l.ProductId
ORDER BY o.OrderId DESC, l.OrderLineId DESC`)
      const problems = [
        call.error && `the call failed with ${call.error}`,
        call.openTransactions > 0 && 'a transaction was left open',
        call.newOrders !== 1 && `${call.newOrders} orders were added (expected 1)`,
        call.newLines !== 1 && `${call.newLines} order lines were added (expected 1)`,
        call.stockTaken !== 3 && `the stock went down by ${call.stockTaken} (expected 3)`,
        !call.error &&
          line &&
          (line.customerId !== 3 || line.productId !== 2 || line.quantity !== 3 || line.priced !== 1) &&
          'the new order or its line holds other values than the call asked for (customer, product, quantity, current unit price)',
      ].filter(Boolean)
      if (problems.length)
        fail({
          expected:
            'placing 3 of a product with 50 in stock to add one order, one line at the current price, and take 3 from the stock',
          found: problems.join('; '),
        })
    },
  },
  {
    id: 'insufficient-stock-rolled-back',
    title:
      'Ordering more than the stock raises an error to the caller and leaves no order, line or stock change behind',
    points: 3,
    engines: ['live'],
    needs: ['procedure-exists'],
    timeoutMs: 60_000,
    async run(ctx) {
      await applyLab(ctx)
      const call = await callPlaceOrder(ctx, { customerId: 1, productId: 4, quantity: 5 })
      const problems = [
        !call.error && 'no error reached the caller',
        call.openTransactions > 0 && 'a transaction was left open',
        call.newOrders !== 0 && `${call.newOrders} order(s) were left behind`,
        call.newLines !== 0 && `${call.newLines} order line(s) were left behind`,
        call.stockTaken !== 0 && `the stock changed by ${call.stockTaken}`,
      ].filter(Boolean)
      if (problems.length)
        fail({
          expected:
            'ordering 5 of a product with 1 in stock to fail with an error the caller sees, and change nothing',
          found: problems.join('; '),
          hint: 'begin the transaction before the first change; in CATCH, ROLLBACK if @@TRANCOUNT > 0 and then THROW (RAISERROR with severity 10 or less is only a message)',
        })
    },
  },
])
