import type { SchemaModel } from '../schema-model.ts'
import type { ScriptFile } from '../static/static-engine.ts'
import { MssqlServer, type MssqlServerOptions, type ServerEndpoint } from './mssql-server.ts'
import { type ProbeOutcome, runProbe } from './probe.ts'
import { readCatalog } from './read-catalog.ts'
import { runScript, type ScriptRun } from './run-script.ts'
import { Sandbox } from './sandbox.ts'

export interface SubmissionOptions {
  batchTimeoutMs?: number
  maxRows?: number
  continueOnError?: boolean
}

/** One submission on the live engine: its database, the run of its scripts, its catalog. */
export class LiveSubmission {
  constructor(
    private readonly sandbox: Sandbox,
    readonly run: ScriptRun,
  ) {}

  /** The schema as SQL Server's catalog describes it. */
  model(): Promise<SchemaModel> {
    return readCatalog(this.sandbox.adminPool)
  }

  /** Runs a hidden statement as the learner and reports only its outcome. */
  probe(probeSql: string, options: { maxRows?: number } = {}): Promise<ProbeOutcome> {
    return runProbe(this.sandbox.learnerPool, probeSql, { ...options, database: this.sandbox.database })
  }

  dispose(): Promise<void> {
    return this.sandbox.dispose()
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose()
  }
}

/** The live engine: one SQL Server per grading process, one sandbox database per submission. */
export class LiveEngine {
  private constructor(readonly server: MssqlServer) {}

  static async start(options: MssqlServerOptions): Promise<LiveEngine> {
    return new LiveEngine(await MssqlServer.start(options))
  }

  /** The engine on a server another process started ({@link MssqlServer.attach}); stop() leaves it running. */
  static async attach(endpoint: ServerEndpoint): Promise<LiveEngine> {
    return new LiveEngine(await MssqlServer.attach(endpoint))
  }

  /** Creates the submission's database and runs its scripts there as the learner's login. */
  async submit(files: readonly ScriptFile[], options: SubmissionOptions = {}): Promise<LiveSubmission> {
    const batchTimeoutMs = options.batchTimeoutMs ?? 10_000
    const sandbox = await Sandbox.create(this.server, { batchTimeoutMs })
    try {
      const run = await runScript(sandbox.learnerPool, files, {
        batchTimeoutMs,
        database: sandbox.database,
        ...(options.maxRows !== undefined ? { maxRows: options.maxRows } : {}),
        ...(options.continueOnError !== undefined ? { continueOnError: options.continueOnError } : {}),
      })
      return new LiveSubmission(sandbox, run)
    } catch (error) {
      await sandbox.dispose().catch(() => {})
      throw error
    }
  }

  stop(): Promise<void> {
    return this.server.stop()
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop()
  }
}
