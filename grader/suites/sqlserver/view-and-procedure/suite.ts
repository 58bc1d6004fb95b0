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
    // Live sees the behaviour and the structure; static reads the structure from the syntax tree.
    {
      id: 'order-before-transaction',
      title: 'the order row is inserted before BEGIN TRANSACTION: a failed call leaves it behind',
      fails: ['procedure-structure', 'insufficient-stock-rolled-back'],
      engines: ['live'],
      dir: 'fixtures/order-before-transaction',
    },
    {
      id: 'order-before-transaction-static',
      title: 'the INSERT before BEGIN TRANSACTION, read from the procedure tree',
      fails: ['procedure-structure'],
      engines: ['static'],
      dir: 'fixtures/order-before-transaction',
    },
    {
      id: 'swallows-error',
      title:
        'CATCH rolls back but reports with RAISERROR severity 10, which the caller never sees as an error',
      fails: ['procedure-structure', 'insufficient-stock-rolled-back'],
      engines: ['live'],
      dir: 'fixtures/swallows-error',
    },
    {
      id: 'swallows-error-static',
      title: 'RAISERROR severity 10 as the only raise in the CATCH, read from the procedure tree',
      fails: ['procedure-structure'],
      engines: ['static'],
      dir: 'fixtures/swallows-error',
    },
    {
      id: 'throw-only-in-try',
      title: 'THROW only inside TRY: the CATCH rolls back and swallows it',
      fails: ['procedure-structure', 'insufficient-stock-rolled-back'],
      engines: ['live'],
      dir: 'fixtures/throw-only-in-try',
    },
    {
      id: 'throw-only-in-try-static',
      title: 'THROW only inside TRY, read from the procedure tree',
      fails: ['procedure-structure'],
      engines: ['static'],
      dir: 'fixtures/throw-only-in-try',
    },
    {
      id: 'throw-after-catch',
      title: 'the error is raised after END CATCH instead of inside the CATCH block',
      fails: ['procedure-structure'],
      dir: 'fixtures/throw-after-catch',
    },
    {
      id: 'body-syntax-error',
      title: 'SCOPE_IDENTITY( is never closed inside the procedure body',
      fails: ['scripts-run'],
      dir: 'fixtures/body-syntax-error',
    },
    {
      id: 'values-missing-comma',
      title: 'a missing comma in a VALUES row inside the procedure',
      fails: ['scripts-run'],
      dir: 'fixtures/values-missing-comma',
    },
    {
      id: 'view-body-syntax-error',
      title: 'a misspelt keyword inside the view body (GROUP BY written GROPU BY)',
      fails: ['scripts-run'],
      dir: 'fixtures/view-body-syntax-error',
    },
  ],
})
