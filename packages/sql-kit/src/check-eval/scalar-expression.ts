/** A value as T-SQL sees it inside a CHECK: NULL, a number, a string, or a predicate's truth. */
export type SqlValue = null | number | string | boolean

/** The syntax tree of a scalar T-SQL expression (the part of the language a CHECK uses). */
export type ScalarExpression =
  | { kind: 'literal'; value: SqlValue; unicode?: boolean; decimal?: boolean }
  | { kind: 'column'; name: string }
  | { kind: 'negate'; operand: ScalarExpression }
  | { kind: 'arithmetic'; op: '+' | '-' | '*' | '/' | '%'; left: ScalarExpression; right: ScalarExpression }
  | { kind: 'compare'; op: CompareOp; left: ScalarExpression; right: ScalarExpression }
  | { kind: 'in'; operand: ScalarExpression; list: ScalarExpression[]; negated: boolean }
  | {
      kind: 'between'
      operand: ScalarExpression
      low: ScalarExpression
      high: ScalarExpression
      negated: boolean
    }
  | {
      kind: 'like'
      operand: ScalarExpression
      pattern: ScalarExpression
      escape?: ScalarExpression
      negated: boolean
    }
  | { kind: 'is-null'; operand: ScalarExpression; negated: boolean }
  | { kind: 'and' | 'or'; left: ScalarExpression; right: ScalarExpression }
  | { kind: 'not'; operand: ScalarExpression }
  | { kind: 'call'; name: string; args: ScalarExpression[] }

export type CompareOp = '=' | '<>' | '<' | '>' | '<=' | '>='

/** Every column an expression reads, as written (brackets stripped). */
export function columnsOf(e: ScalarExpression): string[] {
  switch (e.kind) {
    case 'literal':
      return []
    case 'column':
      return [e.name]
    case 'negate':
    case 'not':
    case 'is-null':
      return columnsOf(e.operand)
    case 'arithmetic':
    case 'compare':
    case 'and':
    case 'or':
      return [...columnsOf(e.left), ...columnsOf(e.right)]
    case 'in':
      return [e.operand, ...e.list].flatMap(columnsOf)
    case 'between':
      return [e.operand, e.low, e.high].flatMap(columnsOf)
    case 'like':
      return [e.operand, e.pattern, ...(e.escape ? [e.escape] : [])].flatMap(columnsOf)
    case 'call':
      return e.args.flatMap(columnsOf)
  }
}
