import type { CheckContext } from '@backend-labs/lab-kit'
import type { EngineName } from './choose-engine.ts'
import type { ProbeOutcome } from './live/probe.ts'
import type { SchemaModel } from './schema-model.ts'

/**
 * What checks of a lab with `services: [sql]` receive. The engine is chosen once per grade:
 * `live` (a real SQL Server, the authority) when it can run, else `static` (the learner's DDL parsed
 * into the same SchemaModel). Checks that need data or behaviour declare `engines: ['live']` and are
 * skipped with the reason under the static engine, never counted as passed.
 */
export interface SqlCheckContext extends CheckContext {
  sql: SqlLab
}

export interface SqlLab {
  readonly engine: EngineName
  /**
   * Runs the learner's scripts (paths relative to the submission, in this order) once per grade:
   * parsed statically first (syntax errors at file:line in well under a second, before any server
   * starts), then, under the live engine, executed as the learner's own login in a fresh database.
   * The first error fails the calling check with `file:line`, SQL Server's message and number.
   * Later calls with the same files return the same outcome.
   */
  apply(files: string[]): Promise<AppliedScripts>
  /** The schema after `apply` (from sys.* under live, from the parser under static). */
  model(): Promise<SchemaModel>
  /** Live only: a hidden statement run as the learner, rolled back; only the outcome is reported. */
  probe(sql: string, options?: { maxRows?: number }): Promise<ProbeOutcome>
  /** Live only: a grader-side query as the database owner (counts, totals, plans); rows capped. */
  query<Row extends Record<string, unknown> = Record<string, unknown>>(
    sql: string,
    options?: { maxRows?: number },
  ): Promise<Row[]>
  /** Live only: grader-side statements as the database owner (seed data before a migration…). */
  exec(sql: string): Promise<void>
  /** Live only: runs one learner file again as the learner (e.g. a migration twice); errors at file:line. */
  rerun(file: string): Promise<AppliedScripts>
  /** Live only: the estimated plan (SHOWPLAN XML) of a query, compiled as the database owner. */
  showplan(sql: string): Promise<string>
}

export interface AppliedScripts {
  files: string[]
  /** Batches executed (live) or read (static). */
  batchCount: number
  /** Notes for the learner, e.g. statements the static engine read but does not model. */
  notes: string[]
}
