import {
  type AppliedScripts,
  analyzeScripts,
  type EngineName,
  expectScriptRan,
  type LiveEngine,
  type ProbeOutcome,
  type SchemaModel,
  type ScriptFile,
  type ScriptRun,
  type SqlLab,
  type StaticResult,
} from '@backend-labs/sql-kit'
import type { LiveDatabase } from './live-database.ts'
import { readScriptFiles } from './script-files.ts'
import { judgeStaticResult } from './static-gate.ts'

export interface SubmissionSqlLabOptions {
  engine: EngineName
  /** The staged submission folder (never the learner's own files). */
  dir: string
  /** The process-wide server; only asked for under the live engine, on the first `apply`. */
  liveEngine?: () => Promise<LiveEngine>
  batchTimeoutMs?: number
}

/**
 * `ctx.sql` for one submission. `apply` reads the scripts statically first (syntax errors and
 * forbidden statements fail at file:line before any server starts), then under the live engine
 * runs each file once, in order, in the submission's own database. Outcomes are memoised: every
 * check that applies the same files sees the same result, and a longer list runs only the new files.
 */
export class SubmissionSqlLab implements SqlLab {
  readonly engine: EngineName
  private readonly outcomes = new Map<string, Promise<AppliedScripts>>()
  private readonly fileRuns = new Map<string, ScriptRun>()
  /** Files run on the server so far, in order. */
  private readonly ran: string[] = []
  private staticModel: { files: number; result: StaticResult } | undefined
  private latest: Promise<AppliedScripts> | undefined
  private database: Promise<LiveDatabase> | undefined
  private queue: Promise<unknown> = Promise.resolve()

  constructor(private readonly options: SubmissionSqlLabOptions) {
    this.engine = options.engine
  }

  apply(files: string[]): Promise<AppliedScripts> {
    if (files.length === 0) throw new Error('ctx.sql.apply() needs at least one file')
    const key = files.join('\u0000')
    let outcome = this.outcomes.get(key)
    if (!outcome) {
      // One apply at a time: a longer list builds on what the shorter one ran.
      outcome = this.queue.then(() => this.applyNow([...files]))
      this.queue = outcome.catch(() => undefined)
      this.outcomes.set(key, outcome)
    }
    this.latest = outcome
    return outcome
  }

  async model(): Promise<SchemaModel> {
    await this.applied('model')
    if (this.engine === 'live') return (await this.liveDatabase()).model()
    if (!this.staticModel) throw new Error('ctx.sql.model(): no script was applied successfully')
    return this.staticModel.result.model
  }

  async probe(sql: string, options: { maxRows?: number } = {}): Promise<ProbeOutcome> {
    return (await this.live('probe')).probe(sql, options)
  }

  async query<Row extends Record<string, unknown> = Record<string, unknown>>(
    sql: string,
    options: { maxRows?: number } = {},
  ): Promise<Row[]> {
    return (await this.live('query')).query<Row>(sql, options.maxRows)
  }

  async exec(sql: string): Promise<void> {
    await (await this.live('exec')).exec(sql)
  }

  async rerun(file: string): Promise<AppliedScripts> {
    const db = await this.live('rerun')
    const scripts = await readScriptFiles(this.options.dir, [file])
    const notes = judgeStaticResult(analyzeScripts(scripts), 'live')
    const run = await db.run(scripts)
    expectScriptRan(run)
    return { files: [file], batchCount: run.batchesRun, notes }
  }

  async showplan(sql: string): Promise<string> {
    return (await this.live('showplan')).showplan(sql)
  }

  /** Drops the submission's database; the server itself is stopped when the process ends. */
  async dispose(): Promise<void> {
    const db = await this.database?.catch(() => undefined)
    await db?.dispose()
  }

  private async applyNow(files: string[]): Promise<AppliedScripts> {
    const scripts = await readScriptFiles(this.options.dir, files)
    const result = analyzeScripts(scripts)
    const notes = judgeStaticResult(result, this.engine)
    if (this.engine === 'static') {
      if (!this.staticModel || files.length >= this.staticModel.files)
        this.staticModel = { files: files.length, result }
      return { files, batchCount: result.batchCount, notes }
    }
    return { files, batchCount: await this.runOnServer(scripts), notes }
  }

  /** Runs the files not run yet (in the order asked), and fails with the first error of any of them. */
  private async runOnServer(scripts: ScriptFile[]): Promise<number> {
    const db = await this.liveDatabase()
    let batchCount = 0
    for (const [index, script] of scripts.entries()) {
      let run = this.fileRuns.get(script.file)
      if (!run) {
        const before = scripts.slice(0, index).map((s) => s.file)
        if (before.join('\u0000') !== this.ran.join('\u0000'))
          throw new Error(
            `ctx.sql.apply([${scripts.map((s) => s.file).join(', ')}]) after [${this.ran.join(', ')}]: every check of a lab must apply the same files in the same order (a longer list may extend a shorter one)`,
          )
        run = await db.run([script])
        this.fileRuns.set(script.file, run)
        this.ran.push(script.file)
      }
      expectScriptRan(run)
      batchCount += run.batchesRun
    }
    return batchCount
  }

  private liveDatabase(): Promise<LiveDatabase> {
    const { liveEngine, batchTimeoutMs } = this.options
    if (!liveEngine) throw new Error('the live engine was chosen but no server was provided')
    this.database ??= liveEngine().then(async (engine) =>
      // Loaded only under the live engine: the mssql client is heavy.
      (await import('./live-database.ts')).LiveDatabase.create(engine, {
        batchTimeoutMs: batchTimeoutMs ?? 10_000,
      }),
    )
    return this.database
  }

  /** The submission's database for a live-only method, after the scripts were applied. */
  private async live(method: string): Promise<LiveDatabase> {
    if (this.engine !== 'live')
      throw new Error(
        `ctx.sql.${method}() needs the live engine, but this grade uses the static engine: declare engines: ['live'] on the check that calls it`,
      )
    await this.applied(method)
    return this.liveDatabase()
  }

  private async applied(method: string): Promise<void> {
    if (!this.latest) throw new Error(`call ctx.sql.apply(files) before ctx.sql.${method}()`)
    await this.latest
  }
}
