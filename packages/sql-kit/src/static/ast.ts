/**
 * The syntax tree of the static engine. DDL that changes the schema is applied to the model while it
 * is read (and leaves a `ddl` node behind); everything else — queries, data changes, procedural code,
 * permissions — is kept as nodes, so checks read structure instead of searching text.
 */

/** A scalar expression. */
export type Expr =
  | { kind: 'literal'; text: string; value: string | number | null }
  | { kind: 'variable'; name: string }
  | { kind: 'column'; parts: string[] }
  | { kind: 'star'; qualifier?: string }
  | { kind: 'call'; name: string; args: Expr[] }
  | { kind: 'unary'; op: string; operand: Expr }
  | { kind: 'binary'; op: string; left: Expr; right: Expr }
  | { kind: 'is-null'; operand: Expr; negated: boolean }
  | { kind: 'in'; operand: Expr; list: Expr[] | Query; negated: boolean }
  | { kind: 'between'; operand: Expr; low: Expr; high: Expr; negated: boolean }
  | { kind: 'like'; operand: Expr; pattern: Expr; negated: boolean }
  | { kind: 'exists'; query: Query }
  | { kind: 'subquery'; query: Query }
  | { kind: 'case'; operand?: Expr; whens: { when: Expr; result: Expr }[]; else?: Expr }
  | { kind: 'cast'; operand: Expr; type: string }

export interface SelectItem {
  expr: Expr
  /** The name the column gets: an alias, or the last part of a column reference. */
  name?: string
}

export interface TableRef {
  /** `schema.table`, a variable (`@t`), a CTE, or undefined for a derived table. */
  name?: string
  alias?: string
  query?: Query
  join?: string
  on?: Expr
}

/** A SELECT, with its set operations (UNION, EXCEPT, INTERSECT). */
export interface Query {
  ctes: string[]
  items: SelectItem[]
  into?: string
  from: TableRef[]
  where?: Expr
  groupBy: Expr[]
  having?: Expr
  orderBy: Expr[]
  setOperations: { op: string; query: Query }[]
}

interface At {
  /** Line in the learner's file. */
  line: number
}

export type DataChangeKind = 'insert' | 'update' | 'delete' | 'merge' | 'truncate'

export type Statement = At &
  (
    | { kind: 'block'; body: Statement[] }
    | { kind: 'try'; body: Statement[]; catchBody: Statement[]; catchLine: number; endLine: number }
    | { kind: 'if'; condition: Expr; then: Statement; else?: Statement }
    | { kind: 'while'; condition: Expr; body: Statement }
    | { kind: 'declare'; variables: { name: string; type: string; value?: Expr }[] }
    | { kind: 'set'; target: string; value?: Expr }
    | { kind: 'transaction'; action: 'begin' | 'commit' | 'rollback' | 'save' }
    | { kind: 'throw'; args: Expr[] }
    | { kind: 'raiserror'; args: Expr[]; severity?: number }
    | { kind: 'exec'; procedure?: string; args: Expr[]; dynamic?: Statement[] }
    | {
        kind: 'select'
        query: Query /** A view's first column without a name (1-based). */
        unnamedColumn?: number
      }
    | { kind: DataChangeKind; target: string; query?: Query; rows?: Expr[][] }
    | { kind: 'return' | 'print' | 'break' | 'continue' | 'goto' | 'label' | 'waitfor' | 'cursor' }
    | { kind: 'ddl'; verb: string; name?: string }
    | { kind: 'module'; moduleKind: ModuleKind; name: string; parameters: string[]; body: Statement[] }
    | { kind: 'permission'; action: 'GRANT' | 'DENY' | 'REVOKE' }
    | { kind: 'principal'; verb: string; name: string }
    | { kind: 'skipped'; verb: string }
  )

export type ModuleKind = 'VIEW' | 'PROCEDURE' | 'FUNCTION' | 'TRIGGER'

/** Every statement in the tree, depth first, in source order (CATCH blocks included). */
export function* walkStatements(statements: readonly Statement[]): Generator<Statement> {
  for (const s of statements) {
    yield s
    if (s.kind === 'block') yield* walkStatements(s.body)
    else if (s.kind === 'try') {
      yield* walkStatements(s.body)
      yield* walkStatements(s.catchBody)
    } else if (s.kind === 'if') yield* walkStatements(s.else ? [s.then, s.else] : [s.then])
    else if (s.kind === 'while') yield* walkStatements([s.body])
    else if (s.kind === 'module') yield* walkStatements(s.body)
    else if (s.kind === 'exec' && s.dynamic) yield* walkStatements(s.dynamic)
  }
}
