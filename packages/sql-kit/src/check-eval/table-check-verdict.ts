import type { CheckModel, TableModel } from '../schema-model.ts'
import { evaluatePredicate, scalarRow } from './evaluate-scalar.ts'
import { parseScalar } from './parse-scalar.ts'
import type { ScalarExpression, SqlValue } from './scalar-expression.ts'
import { UnsupportedExpression } from './scalar-tokens.ts'

/** What a table's CHECK constraints do with one row, as far as the static evaluator can tell. */
export interface CheckVerdict {
  /** `rejected` when some CHECK is FALSE; `unknown` when none is but some could not be evaluated. */
  outcome: 'accepted' | 'rejected' | 'unknown'
  /** The checks that evaluate to FALSE for the row. */
  rejectedBy: CheckModel[]
  /** The checks the evaluator does not understand (CASE, subqueries, user functions …). */
  unevaluated: CheckModel[]
}

const parsed = new WeakMap<CheckModel, ScalarExpression | UnsupportedExpression>()

function parseCheck(check: CheckModel): ScalarExpression | UnsupportedExpression {
  let tree = parsed.get(check)
  if (!tree) {
    try {
      tree = parseScalar(check.expression)
    } catch (error) {
      if (!(error instanceof UnsupportedExpression)) throw error
      tree = error
    }
    parsed.set(check, tree)
  }
  return tree
}

/**
 * Evaluates every CHECK of `table` against a row: the columns in `values`, every other column NULL
 * (as an INSERT that leaves them out). A CHECK refuses the row only when it is FALSE; UNKNOWN passes.
 */
export function checkVerdict(table: TableModel, values: Record<string, SqlValue>): CheckVerdict {
  const types = Object.fromEntries(table.columns.filter((c) => c.type).map((c) => [c.name, c.type!]))
  const row = scalarRow(values, types)
  const rejectedBy: CheckModel[] = []
  const unevaluated: CheckModel[] = []
  for (const check of table.checks) {
    const tree = parseCheck(check)
    if (tree instanceof UnsupportedExpression) {
      unevaluated.push(check)
      continue
    }
    try {
      if (evaluatePredicate(tree, row) === false) rejectedBy.push(check)
    } catch (error) {
      if (!(error instanceof UnsupportedExpression)) throw error
      unevaluated.push(check)
    }
  }
  const outcome = rejectedBy.length ? 'rejected' : unevaluated.length ? 'unknown' : 'accepted'
  return { outcome, rejectedBy, unevaluated }
}
