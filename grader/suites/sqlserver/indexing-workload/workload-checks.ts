import { defineChecks, fail } from '@backend-labs/lab-kit'
import type { SqlCheckContext } from '@backend-labs/sql-kit'
import { APPLY_TIMEOUT_MS } from '../../../../labs/sqlserver/indexing-workload/checks.ts'
import { applyIndexes } from '../../../../labs/sqlserver/indexing-workload/provided-scripts.ts'
import { WORKLOAD } from '../../../../labs/sqlserver/indexing-workload/workload.ts'
import { measureLogicalReads } from './logical-reads.ts'
import { expectPaidOrdersIndex } from './paid-orders-rule.ts'
import { accessKind, accessOperators, describeAccess } from './plan-operators.ts'

const INDEX_CHECKS = ['orders-by-customer-index', 'paid-orders-index', 'email-lookup-index']

export const workloadChecks = defineChecks<SqlCheckContext>('hidden', [
  {
    id: 'paid-orders-index',
    title: 'Q2 (paid orders of the last week) has an index on shop.Orders it can seek',
    points: 2,
    needs: ['scripts-run'],
    timeoutMs: APPLY_TIMEOUT_MS,
    async run(ctx) {
      await applyIndexes(ctx)
      expectPaidOrdersIndex(await ctx.sql.model())
    },
  },
  {
    id: 'workload-uses-seeks',
    title: 'With 50,000 orders loaded, SQL Server plans an Index Seek (no scan) for each workload query',
    points: 2,
    engines: ['live'],
    needs: INDEX_CHECKS,
    timeoutMs: 60_000,
    async run(ctx) {
      await applyIndexes(ctx)
      const problems: string[] = []
      for (const q of WORKLOAD) {
        const ops = accessOperators(await ctx.sql.showplan(q.sql))
        const kind = accessKind(ops, q.table)
        if (kind !== 'seek')
          problems.push(
            `${q.id} (${q.purpose}) reads ${q.table} with ${describeAccess(ops, q.table) || 'no index'}`,
          )
      }
      if (problems.length)
        fail({
          expected: 'an Index Seek on an index of the queried table for Q1, Q2 and Q3, and no scan',
          found: problems.join('; '),
          hint: 'a scan reads the whole table or index: the index must start with the columns the query filters on',
        })
    },
  },
  {
    id: 'workload-reads-budget',
    title: 'Each workload query reads only a handful of pages (logical reads within its budget)',
    points: 3,
    engines: ['live'],
    needs: INDEX_CHECKS,
    timeoutMs: 60_000,
    async run(ctx) {
      await applyIndexes(ctx)
      const over: string[] = []
      for (const q of WORKLOAD) {
        const reads = await measureLogicalReads(ctx, q.sql)
        if (reads > q.maxLogicalReads)
          over.push(`${q.id} (${q.purpose}) read ${reads} pages, budget ${q.maxLogicalReads}`)
      }
      if (over.length)
        fail({
          expected: 'each query within its page budget (Q1 12, Q2 20, Q3 10 logical reads)',
          found: over.join('; '),
          hint: 'look at the actual plan with SET STATISTICS IO ON: a Key Lookup per row, or an index led by a column that matches many rows, reads far more pages than a covering index led by the selective columns',
        })
    },
  },
])
