import { fail } from '@backend-labs/lab-kit'
import { normalizeExpression } from '../normalize-expression.ts'
import { type CheckModel, qualifiedName, type SchemaModel, sameName } from '../schema-model.ts'
import { expectTable, whereOf } from './expect-table.ts'

/**
 * A CHECK constraint that mentions `column` (and, if given, whose normalised expression equals
 * `expression`). Prefer a behavioural probe for what the check must reject: learners may write a
 * correct rule in many ways.
 */
export function expectCheck(
  model: SchemaModel,
  table: string,
  want: { column: string; expression?: string },
): CheckModel {
  const t = expectTable(model, table)
  const mentions = (c: CheckModel) =>
    (c.column !== undefined && sameName(c.column, want.column)) ||
    normalizeExpression(c.expression)
      .split(/[^\w@#]+/)
      .some((w) => sameName(w, want.column))
  const candidates = t.checks.filter(mentions)
  const expected = `a CHECK constraint on ${qualifiedName(t)}.${want.column}${want.expression ? ` (${want.expression})` : ''}`
  if (candidates.length === 0)
    fail({ expected, found: 'none', ...whereOf(t), hint: `add CONSTRAINT CK_… CHECK (…${want.column}…)` })
  if (want.expression === undefined) return candidates[0]!
  const key = normalizeExpression(want.expression)
  const match = candidates.find((c) => normalizeExpression(c.expression) === key)
  if (!match)
    fail({
      expected,
      found: candidates.map((c) => `CHECK (${c.expression})`).join(', '),
      ...whereOf(candidates[0]),
    })
  return match
}
