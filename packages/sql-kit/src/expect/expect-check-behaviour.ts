import { fail } from '@backend-labs/lab-kit'
import type { SqlValue } from '../check-eval/scalar-expression.ts'
import { checkVerdict } from '../check-eval/table-check-verdict.ts'
import { type CheckModel, findColumn, qualifiedName, type SchemaModel, sameName } from '../schema-model.ts'
import { expectTable, whereOf } from './expect-table.ts'

/** A rule on one column, stated by what the table's CHECK constraints must do with sample values. */
export interface CheckBehaviour {
  /** The rule in the README's words, e.g. `be greater than 0`. */
  rule: string
  /** Values every row with them must be refused for (`0`, `-1`). */
  rejects: SqlValue[]
  /** Values that must get through (`1`). */
  accepts: SqlValue[]
  hint?: string
}

/** What the static evaluator could not decide, so a caller can say so (never a failure). */
export interface CheckBehaviourReport {
  undecided: SqlValue[]
}

/** `0`, `'paid'`, `NULL`: a probe value as T-SQL writes it. */
export function formatSqlValue(v: SqlValue): string {
  if (v === null) return 'NULL'
  if (typeof v === 'string') return `'${v.replaceAll("'", "''")}'`
  return String(v)
}

const describeCheck = (c: CheckModel) => `CHECK (${c.expression.trim()})`

/**
 * Judges a CHECK rule by behaviour rather than by text: each value in `rejects` must be refused and
 * each in `accepts` let through by the table's CHECK constraints, evaluated with SQL's three-valued
 * logic over a row in which only `column` is set. So "Quantity must be above 0" is checked as
 * "0 is rejected and 1 is accepted", and `CHECK (Quantity >= 0)` or `CHECK (Quantity IS NOT NULL)` fail.
 * A CHECK the evaluator does not understand is given the benefit of the doubt (the live engine's
 * probes decide it); the values it leaves open are returned.
 */
export function expectCheckBehaviour(
  model: SchemaModel,
  table: string,
  column: string,
  want: CheckBehaviour,
): CheckBehaviourReport {
  const t = expectTable(model, table)
  const c = findColumn(t, column)
  const name = `${qualifiedName(t)}.${c?.name ?? column}`
  if (!c) fail({ expected: `a column ${name}`, found: 'no such column', ...whereOf(t) })
  const problems: string[] = []
  const undecided: SqlValue[] = []
  const culprits = new Set<CheckModel>()
  for (const value of want.rejects) {
    const v = checkVerdict(t, { [c.name]: value })
    if (v.outcome === 'unknown') undecided.push(value)
    if (v.outcome === 'accepted') problems.push(`${formatSqlValue(value)} is accepted`)
  }
  for (const value of want.accepts) {
    const v = checkVerdict(t, { [c.name]: value })
    if (v.outcome === 'rejected') {
      problems.push(`${formatSqlValue(value)} is refused by ${v.rejectedBy.map(describeCheck).join(', ')}`)
      for (const r of v.rejectedBy) culprits.add(r)
    }
  }
  if (problems.length === 0) return { undecided }
  const mentioning = t.checks.filter(
    (k) =>
      (k.column !== undefined && sameName(k.column, c.name)) ||
      new RegExp(`(^|[^\\w@#$])\\[?${c.name.replace(/[^\w]/g, '\\$&')}\\]?($|[^\\w@#$])`, 'i').test(
        k.expression,
      ),
  )
  const shown = [...new Set([...culprits, ...mentioning])]
  const found = `${problems.join('; ')} (${
    shown.length
      ? shown.map(describeCheck).join(', ')
      : `no CHECK constraint on ${qualifiedName(t)} reads ${c.name}`
  })`
  const sample = [
    want.rejects.length ? `${want.rejects.map(formatSqlValue).join(', ')} refused` : '',
    want.accepts.length ? `${want.accepts.map(formatSqlValue).join(', ')} accepted` : '',
  ]
    .filter(Boolean)
    .join(', ')
  fail({
    expected: `${name} to ${want.rule} (${sample})`,
    found,
    ...whereOf(shown[0] ?? c),
    ...(want.hint ? { hint: want.hint } : {}),
  })
}
