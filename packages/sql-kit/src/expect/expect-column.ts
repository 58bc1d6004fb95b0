import { expectAll, fail } from '@backend-labs/lab-kit'
import { type ColumnModel, findColumn, qualifiedName, type SchemaModel } from '../schema-model.ts'
import { expectTable, whereOf } from './expect-table.ts'

export interface ColumnExpectation {
  /** Base type, e.g. `nvarchar`; compared case-insensitively. */
  type?: string
  length?: number | 'max'
  precision?: number
  scale?: number
  nullable?: boolean
  /** true: any identity; or an exact seed and increment. */
  identity?: boolean | { seed: number; increment: number }
  /** true: has a default. */
  hasDefault?: boolean
  computed?: boolean
}

/** The column, checked against each stated fact; the failure names every fact that differs. */
export function expectColumn(
  model: SchemaModel,
  table: string,
  column: string,
  want: ColumnExpectation = {},
): ColumnModel {
  const t = expectTable(model, table)
  const c = findColumn(t, column)
  const name = `${qualifiedName(t)}.${column}`
  if (!c)
    fail({
      expected: `a column ${name}`,
      found: `columns ${t.columns.map((x) => x.name).join(', ') || '(none)'}`,
      ...whereOf(t),
    })
  const steps: (() => void)[] = []
  const check = (ok: boolean, expected: string, found: string, hint?: string) =>
    steps.push(() => {
      if (!ok) fail({ expected: `${name} to ${expected}`, found, ...whereOf(c), ...(hint ? { hint } : {}) })
    })
  if (
    want.type !== undefined ||
    want.length !== undefined ||
    want.precision !== undefined ||
    want.scale !== undefined
  ) {
    const expected = describeType({ ...c, ...want, type: want.type ?? c.type })
    check(describeType(c) === expected, `be ${expected}`, describeType(c))
  }
  if (want.nullable !== undefined)
    check(
      c.nullable === want.nullable,
      want.nullable ? 'allow NULL' : 'be NOT NULL',
      c.nullable ? 'it allows NULL' : 'it is NOT NULL',
    )
  if (want.identity !== undefined) {
    const found = c.identity ? `IDENTITY(${c.identity.seed}, ${c.identity.increment})` : 'no IDENTITY'
    if (typeof want.identity === 'boolean')
      check(
        !!c.identity === want.identity,
        want.identity ? 'be an IDENTITY column' : 'not be an IDENTITY column',
        found,
      )
    else {
      const w = want.identity
      check(
        c.identity?.seed === w.seed && c.identity.increment === w.increment,
        `be IDENTITY(${w.seed}, ${w.increment})`,
        found,
      )
    }
  }
  if (want.hasDefault !== undefined)
    check(
      !!c.default === want.hasDefault,
      want.hasDefault ? 'have a DEFAULT' : 'have no DEFAULT',
      c.default ? `DEFAULT ${c.default.expression}` : 'no DEFAULT',
    )
  if (want.computed !== undefined)
    check(
      !!c.computed === want.computed,
      want.computed ? 'be a computed column' : 'be a stored column',
      c.computed ? `AS ${c.computed.expression}` : 'a stored column',
    )
  expectAll(steps)
  return c
}

/** `nvarchar(100)`, `decimal(10, 2)`, `int`. */
export function describeType(c: Pick<ColumnModel, 'type' | 'length' | 'precision' | 'scale'>): string {
  const type = (c.type ?? 'computed').toLowerCase()
  if (c.length !== undefined) return `${type}(${c.length})`
  if ((type === 'decimal' || type === 'numeric') && c.precision !== undefined)
    return `${type}(${c.precision}, ${c.scale ?? 0})`
  if (c.scale !== undefined && type !== 'decimal' && type !== 'numeric') return `${type}(${c.scale})`
  return type
}
