import { fail } from '@backend-labs/lab-kit'
import { expectTable, type SchemaModel, sameName } from '@backend-labs/sql-kit'
import {
  type AccessPath,
  accessPaths,
  describePaths,
  has,
} from '../../../../labs/sqlserver/indexing-workload/index-rules.ts'

/** `([Status]='paid')`, `Status = N'paid'` → `status='paid'`. */
const filterKey = (f: string) =>
  f
    .replace(/[[\]()\s]/g, '')
    .replace(/=n'/gi, "='")
    .toLowerCase()

/**
 * Q2 filters on Status = 'paid' (a quarter of the orders) and a week of OrderedAt. A seek needs an
 * index led by one of the two predicate columns that stores the other and CustomerId, or an index
 * filtered on Status = 'paid' led by OrderedAt. Whether a Status-first index is selective enough is
 * data: the live engine's page budget judges that.
 */
export function expectPaidOrdersIndex(model: SchemaModel): void {
  const table = expectTable(model, 'shop.Orders')
  const paths = accessPaths(table)
  const fits = (p: AccessPath) => {
    const lead = p.keys[0] ?? ''
    if (p.filter) {
      const filtered = filterKey(p.filter) === "status='paid'"
      return filtered && sameName(lead, 'OrderedAt') && has(p.stored, 'CustomerId')
    }
    const ledByPredicate = sameName(lead, 'Status') || sameName(lead, 'OrderedAt')
    return ledByPredicate && ['Status', 'OrderedAt', 'CustomerId'].every((c) => has(p.stored, c))
  }
  if (paths.some(fits)) return
  fail({
    expected:
      "an index on shop.Orders for Q2 (paid orders of the last week): led by Status (then OrderedAt) or by OrderedAt, holding Status, OrderedAt and CustomerId, or filtered WHERE Status = 'paid'",
    found: describePaths(paths),
    hint: 'equality column first, then the range column: (Status, OrderedAt) INCLUDE (CustomerId)',
  })
}
