import { defineSuite } from '@backend-labs/lab-kit'
import type { SqlCheckContext } from '@backend-labs/sql-kit'
import { behaviourChecks } from './behaviour-checks.ts'

export default defineSuite<SqlCheckContext>({
  checks: behaviourChecks,
  solution: { dir: 'solution' },
  alternatives: [
    {
      id: 'xact-abort-column-list',
      title: 'CREATE OR ALTER, a view with a column list, XACT_ABORT, an UPDLOCK stock check and RAISERROR',
      dir: 'alternatives/xact-abort-column-list',
    },
  ],
  fixtures: [
    {
      id: 'view-missing-column',
      title: 'the view has no ItemCount',
      fails: ['view-columns'],
      dir: 'fixtures/view-missing-column',
    },
    {
      id: 'procedure-in-dbo',
      title: 'the procedure is created as dbo.PlaceOrder',
      fails: ['procedure-exists'],
      dir: 'fixtures/procedure-in-dbo',
    },
    {
      id: 'order-before-transaction',
      title: 'the order row is inserted before BEGIN TRANSACTION: a failed call leaves it behind',
      fails: ['insufficient-stock-rolled-back'],
      engines: ['live'],
      dir: 'fixtures/order-before-transaction',
    },
    {
      id: 'swallows-error',
      title:
        'CATCH rolls back but reports with RAISERROR severity 10, which the caller never sees as an error',
      fails: ['insufficient-stock-rolled-back'],
      engines: ['live'],
      dir: 'fixtures/swallows-error',
    },
  ],
})
