import type { SchemaModel } from '../schema-model.ts'

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

export interface StaticResult {
  model: SchemaModel
  issues: StaticIssue[]
  notes: StaticNote[]
  /** How many batches were read. */
  batchCount: number
}

export function formatIssue(issue: StaticIssue | StaticNote): string {
  return `${issue.file}:${issue.line}: ${issue.message}`
}
