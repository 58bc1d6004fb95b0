import type { CompareOp, ScalarExpression, SqlValue } from './scalar-expression.ts'
import { UnsupportedExpression } from './scalar-tokens.ts'

/** The row a CHECK is evaluated against: values and declared types by column (case-insensitive). */
export interface ScalarRow {
  /** A column's value; a column the row does not set is NULL, as in an INSERT that leaves it out. */
  value(column: string): SqlValue
  /** A column's lower-case base type (`nvarchar`, `int`), for DATALENGTH. */
  type(column: string): string | undefined
}

/** A row from plain objects: `{ Quantity: 0 }` and the table's `{ Quantity: 'int' }`. */
export function scalarRow(values: Record<string, SqlValue>, types: Record<string, string> = {}): ScalarRow {
  const v = new Map(Object.entries(values).map(([k, x]) => [k.toLowerCase(), x]))
  const t = new Map(Object.entries(types).map(([k, x]) => [k.toLowerCase(), x.toLowerCase()]))
  return { value: (c) => v.get(c.toLowerCase()) ?? null, type: (c) => t.get(c.toLowerCase()) }
}

/** SQL's three-valued truth: true, false, or unknown (`null`). */
export type Truth = boolean | null

/**
 * Evaluates a CHECK predicate under SQL's three-valued logic. `null` means UNKNOWN, which a CHECK
 * lets through: only `false` makes SQL Server refuse the row.
 */
export function evaluatePredicate(e: ScalarExpression, row: ScalarRow): Truth {
  const v = evaluateScalar(e, row)
  if (v !== null && typeof v !== 'boolean')
    throw new UnsupportedExpression('a value where a condition belongs')
  return v
}

/** Evaluates any scalar expression; predicates give booleans or `null` (UNKNOWN). */
export function evaluateScalar(e: ScalarExpression, row: ScalarRow): SqlValue {
  switch (e.kind) {
    case 'literal':
      return e.value
    case 'column':
      return row.value(e.name)
    case 'negate': {
      const v = toNumber(evaluateScalar(e.operand, row))
      return v === null ? null : -v
    }
    case 'arithmetic': {
      const integral = isIntegral(e.left, row) && isIntegral(e.right, row)
      return arithmetic(e.op, evaluateScalar(e.left, row), evaluateScalar(e.right, row), integral)
    }
    case 'compare':
      return compare(e.op, evaluateScalar(e.left, row), evaluateScalar(e.right, row))
    case 'in': {
      const x = evaluateScalar(e.operand, row)
      const any = or3(e.list.map((item) => compare('=', x, evaluateScalar(item, row))))
      return e.negated ? not3(any) : any
    }
    case 'between': {
      const x = evaluateScalar(e.operand, row)
      const within = and3([
        compare('>=', x, evaluateScalar(e.low, row)),
        compare('<=', x, evaluateScalar(e.high, row)),
      ])
      return e.negated ? not3(within) : within
    }
    case 'like': {
      const x = evaluateScalar(e.operand, row)
      const p = evaluateScalar(e.pattern, row)
      const esc = e.escape ? evaluateScalar(e.escape, row) : undefined
      if (x === null || p === null || esc === null) return null
      const matched = likeRegExp(String(p), esc === undefined ? undefined : String(esc)).test(String(x))
      return e.negated ? !matched : matched
    }
    case 'is-null': {
      const isNull = evaluateScalar(e.operand, row) === null
      return e.negated ? !isNull : isNull
    }
    case 'and':
      return and3([truth(evaluateScalar(e.left, row)), truth(evaluateScalar(e.right, row))])
    case 'or':
      return or3([truth(evaluateScalar(e.left, row)), truth(evaluateScalar(e.right, row))])
    case 'not':
      return not3(truth(evaluateScalar(e.operand, row)))
    case 'call':
      return call(e, row)
  }
}

function truth(v: SqlValue): Truth {
  if (v !== null && typeof v !== 'boolean')
    throw new UnsupportedExpression('a value where a condition belongs')
  return v
}

function and3(values: Truth[]): Truth {
  if (values.includes(false)) return false
  return values.includes(null) ? null : true
}

function or3(values: Truth[]): Truth {
  if (values.includes(true)) return true
  return values.includes(null) ? null : false
}

function not3(v: Truth): Truth {
  return v === null ? null : !v
}

function toNumber(v: SqlValue): number | null {
  if (v === null) return null
  if (typeof v === 'number') return v
  if (typeof v === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(v)) return Number(v)
  // SQL Server would raise a conversion error; what that does to the row is not this model's call.
  throw new UnsupportedExpression(`a conversion of ${String(v)} to a number`)
}

const INTEGER_TYPES = new Set(['tinyint', 'smallint', 'int', 'bigint', 'bit'])

/** Whether T-SQL types the expression as an integer (so `/` truncates): `7`, an int column, LEN(…). */
function isIntegral(e: ScalarExpression, row: ScalarRow): boolean {
  switch (e.kind) {
    case 'literal':
      return typeof e.value === 'number' && !e.decimal
    case 'column': {
      const type = row.type(e.name)
      return type ? INTEGER_TYPES.has(type) : Number.isInteger(row.value(e.name))
    }
    case 'negate':
      return isIntegral(e.operand, row)
    case 'arithmetic':
      return isIntegral(e.left, row) && isIntegral(e.right, row)
    case 'call':
      return (
        e.name === 'len' ||
        e.name === 'datalength' ||
        (e.name === 'abs' && !!e.args[0] && isIntegral(e.args[0], row))
      )
    default:
      return false
  }
}

function arithmetic(op: string, a: SqlValue, b: SqlValue, integral: boolean): SqlValue {
  if (a === null || b === null) return null
  if (op === '+' && typeof a === 'string' && typeof b === 'string') return a + b
  const x = toNumber(a)!
  const y = toNumber(b)!
  switch (op) {
    case '+':
      return x + y
    case '-':
      return x - y
    case '*':
      return x * y
    default: {
      if (y === 0) throw new UnsupportedExpression('a division by zero')
      // int / int truncates in T-SQL.
      if (op === '%') return x % y
      return integral ? Math.trunc(x / y) : x / y
    }
  }
}

/** Default collations compare case-insensitively and ignore trailing spaces. */
function compareText(a: string, b: string): number {
  const x = a.replace(/ +$/, '').toLowerCase()
  const y = b.replace(/ +$/, '').toLowerCase()
  return x < y ? -1 : x > y ? 1 : 0
}

function compare(op: CompareOp, a: SqlValue, b: SqlValue): Truth {
  if (a === null || b === null) return null
  if (typeof a === 'boolean' || typeof b === 'boolean')
    throw new UnsupportedExpression('a comparison of conditions')
  const order =
    typeof a === 'string' && typeof b === 'string'
      ? compareText(a, b)
      : Math.sign(toNumber(a)! - toNumber(b)!)
  switch (op) {
    case '=':
      return order === 0
    case '<>':
      return order !== 0
    case '<':
      return order < 0
    case '>':
      return order > 0
    case '<=':
      return order <= 0
    case '>=':
      return order >= 0
  }
}

/** `%`, `_`, `[a-z]`, `[^0-9]` and an ESCAPE character, case-insensitively. */
export function likeRegExp(pattern: string, escapeChar?: string): RegExp {
  let source = ''
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!
    if (escapeChar !== undefined && ch === escapeChar && i + 1 < pattern.length) {
      source += escapeRegExp(pattern[++i]!)
    } else if (ch === '%') source += '[\\s\\S]*'
    else if (ch === '_') source += '[\\s\\S]'
    else if (ch === '[' && pattern.indexOf(']', i + 1) > i) {
      const end = pattern.indexOf(']', i + 1)
      let body = pattern.slice(i + 1, end)
      const negate = body.startsWith('^')
      if (negate) body = body.slice(1)
      source += `[${negate ? '^' : ''}${body.replace(/[\\\]]/g, '\\$&')}]`
      i = end
    } else source += escapeRegExp(ch)
  }
  return new RegExp(`^${source}$`, 'iu')
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Bytes per character of an expression's text: 2 for nchar/nvarchar and N'…', else 1. */
function charBytes(e: ScalarExpression, row: ScalarRow): number {
  if (e.kind === 'literal') return e.unicode ? 2 : 1
  if (e.kind === 'column') return /^n(var)?char|^ntext/.test(row.type(e.name) ?? '') ? 2 : 1
  if (e.kind === 'call' && e.args[0]) return charBytes(e.args[0], row)
  return 1
}

const NUMBER_BYTES: Record<string, number> = { tinyint: 1, smallint: 2, int: 4, bigint: 8, bit: 1 }

function call(e: Extract<ScalarExpression, { kind: 'call' }>, row: ScalarRow): SqlValue {
  const args = e.args.map((a) => evaluateScalar(a, row))
  const [first] = args
  const text = (f: (s: string) => SqlValue): SqlValue => (first === null ? null : f(String(first)))
  switch (e.name) {
    case 'len':
      return text((s) => s.replace(/ +$/, '').length)
    case 'datalength': {
      if (first === null || first === undefined) return null
      if (typeof first === 'number') {
        const arg = e.args[0]!
        const type = arg.kind === 'column' ? row.type(arg.name) : undefined
        const bytes = NUMBER_BYTES[type ?? 'int']
        if (bytes === undefined) throw new UnsupportedExpression(`DATALENGTH of a ${type}`)
        return bytes
      }
      return String(first).length * charBytes(e.args[0]!, row)
    }
    case 'lower':
      return text((s) => s.toLowerCase())
    case 'upper':
      return text((s) => s.toUpperCase())
    case 'ltrim':
      return text((s) => s.replace(/^ +/, ''))
    case 'rtrim':
      return text((s) => s.replace(/ +$/, ''))
    case 'trim':
      return text((s) => s.replace(/^ +| +$/g, ''))
    case 'abs': {
      const n = toNumber(first ?? null)
      return n === null ? null : Math.abs(n)
    }
    case 'isnull':
    case 'coalesce':
      return args.find((a) => a !== null) ?? null
    default:
      throw new UnsupportedExpression(`the function ${e.name.toUpperCase()}`)
  }
}
