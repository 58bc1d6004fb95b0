import type { LiveEngine, ProbeOutcome, SchemaModel, ScriptFile, ScriptRun } from '@backend-labs/sql-kit'
import { readCatalog, runProbe, runScript, Sandbox } from '@backend-labs/sql-kit/live'

export interface LiveDatabaseOptions {
  /** Per batch of learner SQL: an endless WHILE loop is stopped after this. */
  batchTimeoutMs: number
  /** Rows kept per result set of the learner's scripts. */
  maxRows?: number
}

const DEFAULT_QUERY_ROWS = 1_000

/**
 * One submission's database on the shared server: the learner's scripts run there as the learner's
 * own login (db_owner of this database only); grader queries run as the database owner. Built from
 * sql-kit's Sandbox rather than `LiveEngine.submit` because checks run more files later (a longer
 * `apply`, `rerun`) and query the same database.
 */
export class LiveDatabase {
  private constructor(
    private readonly sandbox: Sandbox,
    private readonly options: LiveDatabaseOptions,
  ) {}

  static async create(engine: LiveEngine, options: LiveDatabaseOptions): Promise<LiveDatabase> {
    const sandbox = await Sandbox.create(engine.server, { batchTimeoutMs: options.batchTimeoutMs })
    return new LiveDatabase(sandbox, options)
  }

  /** Runs the scripts in one session as the learner, stopping at the first error. */
  run(files: readonly ScriptFile[]): Promise<ScriptRun> {
    return runScript(this.sandbox.learnerPool, files, {
      batchTimeoutMs: this.options.batchTimeoutMs,
      database: this.sandbox.database,
      ...(this.options.maxRows !== undefined ? { maxRows: this.options.maxRows } : {}),
    })
  }

  model(): Promise<SchemaModel> {
    return readCatalog(this.sandbox.adminPool)
  }

  probe(sql: string, options: { maxRows?: number } = {}): Promise<ProbeOutcome> {
    return runProbe(this.sandbox.learnerPool, sql, { ...options, database: this.sandbox.database })
  }

  async query<Row extends Record<string, unknown>>(
    sql: string,
    maxRows = DEFAULT_QUERY_ROWS,
  ): Promise<Row[]> {
    const result = await this.owner(sql, (pool) => pool.request().query<Row>(sql))
    return result.recordset?.slice(0, maxRows) ?? []
  }

  async exec(sql: string): Promise<void> {
    await this.owner(sql, (pool) => pool.request().batch(sql))
  }

  /**
   * The estimated plan as SHOWPLAN XML. SET SHOWPLAN_XML must be alone in its batch and holds for
   * the session; the owner pool has exactly one connection, so the three batches share it.
   */
  async showplan(sql: string): Promise<string> {
    const pool = this.sandbox.adminPool
    await pool.request().batch('SET SHOWPLAN_XML ON')
    try {
      const result = await this.owner(sql, () => pool.request().batch(sql))
      const sets = (result.recordsets ?? []) as Record<string, unknown>[][]
      return sets.map((rows) => String(Object.values(rows[0] ?? {})[0] ?? '')).join('\n')
    } finally {
      await pool.request().batch('SET SHOWPLAN_XML OFF')
    }
  }

  /** Drops the database (and the learner's login); the server stays for the next submission. */
  dispose(): Promise<void> {
    return this.sandbox.dispose()
  }

  private async owner<T>(sql: string, run: (pool: Sandbox['adminPool']) => Promise<T>): Promise<T> {
    try {
      return await run(this.sandbox.adminPool)
    } catch (error) {
      const e = error as { number?: number; message?: string }
      const text = (e.message ?? String(error)).replaceAll(this.sandbox.database, 'the submission database')
      throw new Error(
        `a grader statement failed${e.number !== undefined ? ` with SQL Server error ${e.number}` : ''}: ${text} (statement: ${sql.replace(/\s+/g, ' ').slice(0, 120)})`,
      )
    }
  }
}
