import { defineSuite } from '@backend-labs/lab-kit'
import type { SqlCheckContext } from '@backend-labs/sql-kit'
import { workloadChecks } from './workload-checks.ts'

export default defineSuite<SqlCheckContext>({
  checks: workloadChecks,
  solution: { dir: 'solution' },
  alternatives: [
    {
      id: 'filtered-and-unique',
      title: 'guarded indexes, a filtered index for Q2, a UNIQUE constraint for Q3 and an extra index',
      dir: 'alternatives/filtered-and-unique',
    },
    {
      id: 'range-key-first',
      title: 'Q2 index with both predicate columns as keys, the range column first: (OrderedAt, Status)',
      dir: 'alternatives/range-key-first',
    },
  ],
  fixtures: [
    {
      id: 'wrong-column-order',
      title: 'Q1 index led by OrderedAt instead of CustomerId',
      fails: ['orders-by-customer-index'],
      dir: 'fixtures/wrong-column-order',
    },
    {
      id: 'no-include',
      title: 'Q1 index without INCLUDE (TotalAmount): a key lookup per order',
      fails: ['orders-by-customer-index'],
      dir: 'fixtures/no-include',
    },
    {
      // OrderedAt is only INCLUDEd: the static rule sees that it cannot be sought (the live engine's
      // plan and page checks then skip for that dependency).
      id: 'low-selectivity-status',
      title:
        'Q2 index (Status) INCLUDE (OrderedAt, CustomerId): it seeks Status only, a quarter of all orders',
      fails: ['paid-orders-index'],
      dir: 'fixtures/low-selectivity-status',
    },
    {
      id: 'status-only-included',
      title: 'Q2 index (OrderedAt) INCLUDE (Status, CustomerId): Status is stored but cannot be sought',
      fails: ['paid-orders-index'],
      dir: 'fixtures/status-only-included',
    },
    {
      id: 'huge-result-set',
      title: 'a cartesian "look at the columns" query before the CREATE INDEX statements, in the same batch',
      // The grader caps the rows and cancels the batch, so the indexes after it are never created.
      fails: ['orders-by-customer-index', 'paid-orders-index', 'email-lookup-index'],
      engines: ['live'],
      dir: 'fixtures/huge-result-set',
    },
  ],
})
