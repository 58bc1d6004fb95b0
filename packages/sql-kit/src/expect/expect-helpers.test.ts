import { readFileSync } from 'node:fs'
import { CheckFailure } from '@backend-labs/lab-kit'
import { describe, expect, it } from 'vitest'
import type { ProbeOutcome } from '../live/probe.ts'
import { analyzeScripts } from '../static/static-engine.ts'
import { expectCheck } from './expect-check.ts'
import { expectColumn } from './expect-column.ts'
import { expectIndex } from './expect-index.ts'
import { expectForeignKey, expectPrimaryKey, expectUnique } from './expect-keys.ts'
import { expectAccepted, expectRejected } from './expect-probe.ts'
import { expectScriptRan } from './expect-script.ts'
import { expectSchema, expectTable } from './expect-table.ts'

const shop = readFileSync(new URL('../static/fixtures/shop-schema.sql', import.meta.url), 'utf8')
const { model } = analyzeScripts([{ file: 'schema.sql', text: shop }])

/** The learner-facing message of the CheckFailure `fn` throws. */
function failure(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    if (error instanceof CheckFailure) return error.message
    throw error
  }
  throw new Error('expected a CheckFailure')
}

describe('assertion helpers on the static model', () => {
  it('pass on what the schema has', () => {
    expect(expectTable(model, '[Sales].[orders]').name).toBe('Orders')
    expectSchema(model, 'sales')
    expectColumn(model, 'dbo.Customers', 'Email', { type: 'NVARCHAR', length: 320, nullable: false })
    expectColumn(model, 'dbo.Products', 'Id', { identity: { seed: 100, increment: 5 } })
    expectColumn(model, 'sales.OrderLines', 'LineTotal', { computed: true })
    expectPrimaryKey(model, 'sales.OrderLines', ['OrderId', 'LineNumber'], { clustered: true })
    expectUnique(model, 'dbo.Customers', ['Email'])
    expectForeignKey(model, 'sales.OrderLines.OrderId', 'sales.Orders(Id)', { onDelete: 'CASCADE' })
    expectForeignKey(model, 'sales.OrderLines(ProductId)', 'dbo.Products', { onDelete: 'NO ACTION' })
    expectCheck(model, 'dbo.Products', { column: 'Price', expression: '([Price]>=(0))' })
    expectIndex(model, 'dbo.Products', {
      keyColumns: ['Name', '-Sku'],
      include: ['Price'],
      unique: true,
      filtered: true,
    })
  })

  it('say where a table is when it is in the wrong schema', () => {
    expect(failure(() => expectTable(model, 'sales.Customers'))).toBe(
      'schema.sql:8: expected a table sales.Customers, but found dbo.Customers (in the wrong schema)',
    )
    expect(failure(() => expectTable(model, 'dbo.Invoices'))).toBe(
      'expected a table dbo.Invoices, but found no table named Invoices',
    )
  })

  it('name the fact that differs, at the line of the object', () => {
    expect(
      failure(() => expectColumn(model, 'dbo.Customers', 'Email', { type: 'nvarchar', length: 256 })),
    ).toBe('schema.sql:10: expected dbo.Customers.Email to be nvarchar(256), but found nvarchar(320)')
    expect(failure(() => expectColumn(model, 'dbo.Products', 'Notes', { nullable: false }))).toBe(
      'schema.sql:23: expected dbo.Products.Notes to be NOT NULL, but found it allows NULL',
    )
    expect(failure(() => expectPrimaryKey(model, 'sales.OrderLines', ['OrderId']))).toBe(
      'schema.sql:45: expected sales.OrderLines to have the primary key (OrderId), but found PRIMARY KEY (OrderId, LineNumber)',
    )
    expect(failure(() => expectUnique(model, 'dbo.Products', ['Name']))).toBe(
      'schema.sql:18: expected dbo.Products to keep (Name) unique, but found UNIQUE (Sku)',
    )
  })

  it('explain a missing or different foreign key', () => {
    expect(
      failure(() =>
        expectForeignKey(model, 'sales.OrderLines.UnitPrice', 'dbo.Products(Id)', { onDelete: 'NO ACTION' }),
      ),
    ).toBe(
      'schema.sql:37: expected sales.OrderLines.UnitPrice to reference dbo.Products(Id) with ON DELETE NO ACTION, but found no foreign key on UnitPrice',
    )
    expect(
      failure(() =>
        expectForeignKey(model, 'sales.OrderLines.OrderId', 'sales.Orders(Id)', { onDelete: 'NO ACTION' }),
      ),
    ).toBe(
      'schema.sql:46: expected sales.OrderLines.OrderId to reference sales.Orders(Id) with ON DELETE NO ACTION, but found a foreign key to sales.Orders(Id) with ON DELETE CASCADE and ON UPDATE NO ACTION',
    )
  })

  it('describe the indexes that are there when the wanted one is not', () => {
    expect(failure(() => expectIndex(model, 'sales.Orders', { keyColumns: ['OrderedAt'] }))).toBe(
      'schema.sql:29: expected an index on sales.Orders (OrderedAt), but found NONCLUSTERED INDEX IX_Orders_Customer (CustomerId) INCLUDE (OrderedAt, Status)',
    )
    expect(failure(() => expectCheck(model, 'sales.Orders', { column: 'CustomerId' }))).toBe(
      'schema.sql:29: expected a CHECK constraint on sales.Orders.CustomerId, but found none',
    )
  })

  it('report the first problem of a script at file:line', () => {
    const broken = analyzeScripts([
      { file: 'schema.sql', text: 'CREATE TABLE dbo.T (\n  Id int,\n  Order int\n)\nGO\nUSE master' },
    ])
    expect(failure(() => expectScriptRan(broken))).toBe(
      'schema.sql:3: expected your script to run without errors, but found incorrect syntax near "Order": expected a column name or a constraint; Order is a reserved word, so write it as [Order] (and 1 more problem(s))',
    )
    expectScriptRan(analyzeScripts([{ file: 'schema.sql', text: shop }]))
    expect(
      failure(() =>
        expectScriptRan({
          batchesRun: 1,
          outcomes: [],
          errors: [
            {
              file: 'schema.sql',
              line: 4,
              number: 2714,
              message: "There is already an object named 'T' in the database.",
            },
          ],
        }),
      ),
    ).toBe(
      "schema.sql:4: expected your script to run without errors, but found SQL Server error 2714: There is already an object named 'T' in the database.",
    )
  })

  it('judge probe outcomes without revealing the probe', () => {
    const rejected: ProbeOutcome = {
      status: 'rejected',
      errorNumber: 547,
      message: 'The INSERT statement conflicted with the CHECK constraint "CK_Qty".',
      timedOut: false,
    }
    const accepted: ProbeOutcome = { status: 'accepted', rowsAffected: 1, rows: [] }
    expectRejected(rejected, 'an order line with Quantity 0', { errorNumber: 547 })
    expectAccepted(accepted, 'an order line with Quantity 1')
    expect(failure(() => expectRejected(accepted, 'an order line with Quantity 0'))).toBe(
      'expected an order line with Quantity 0 to be rejected by the database, but found it was accepted',
    )
    expect(failure(() => expectRejected(rejected, 'a duplicate email', { errorNumber: 2627 }))).toBe(
      'expected a duplicate email to be rejected with SQL Server error 2627, but found error 547: The INSERT statement conflicted with the CHECK constraint "CK_Qty".',
    )
  })
})
