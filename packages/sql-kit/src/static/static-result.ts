import type { SchemaModel } from '../schema-model.ts'
import type { Statement } from './ast.ts'

/**
 * A problem in the learner's script, at `file:line`:
 * - `syntax`: SQL Server would reject the batch before running it;
 * - `semantic`: the statement parses, but SQL Server would refuse it (missing schema, duplicate table…);
 * - `not-allowed`: a statement the labs forbid (USE, DROP DATABASE, SHUTDOWN, logins…);
 * - `unsupported`: valid T-SQL the static engine cannot model, so it does not guess.
 */
export interface StaticIssue {
  kind: 'syntax' | 'semantic' | 'not-allowed' | 'unsupported'
  file: string
  line: number
  message: string
}

/** A statement that was read but does not change the schema (INSERT, SELECT, GRANT…). */
export interface StaticNote {
  file: string
  line: number
  message: string
}

/** A statement that throws away rows the script itself put in a table (a migration that loses data). */
export interface DataLoss {
  file: string
  line: number
  /** `schema.table` */
  table: string
  how: 'drop' | 'truncate'
  /** Where the rows that are lost were first written. */
  rowsFrom: { file: string; line: number }
}

export interface StaticResult {
  model: SchemaModel
  issues: StaticIssue[]
  notes: StaticNote[]
  dataLoss: DataLoss[]
  /** The syntax tree of every batch that compiled, in order. */
  statements: Statement[]
  /** How many batches were read. */
  batchCount: number
}

export function formatIssue(issue: StaticIssue | StaticNote): string {
  return `${issue.file}:${issue.line}: ${issue.message}`
}
