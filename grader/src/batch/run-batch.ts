import { mkdir, rm, writeFile } from 'node:fs/promises'
import { availableParallelism, freemem } from 'node:os'
import { join, resolve } from 'node:path'
import { DEFAULT_LAB_TIMEOUT_MS } from '../engine/grade-lab.ts'
import { sweepTempDirs } from '../engine/temp-dirs.ts'
import { batchSqlServerEnv } from './batch-sql-server.ts'
import type { BatchLearner, BatchSummary } from './batch-summary.ts'
import { ResultStore } from './result-store.ts'
import type { RosterEntry } from './roster.ts'
import { type Shard, selectShard } from './shard.ts'
import type { TrustedSources } from './trusted-sources.ts'
import { WorkerPool } from './worker-pool.ts'

export interface BatchOptions {
  submissionsDir: string
  roster: RosterEntry[]
  outDir: string
  labs: string[]
  sources: TrustedSources
  shard?: Shard
  /** Worker processes; default {@link defaultConcurrency}. */
  concurrency?: number
  /** Hard limit on one submission; default {@link defaultSubmissionTimeoutMs}. */
  timeoutMs?: number
  engine?: string
  /** Whether a lab of the batch starts containers (a lost worker's are then swept). */
  usesContainers?: boolean
  /** Whether a lab of the batch needs SQL Server: under the live engine the batch shares one. */
  usesSql?: boolean
  /** Called as each submission of this run finishes (not for those resumed from disk). */
  onSubmissionEnd?(row: BatchLearner): void
}

export interface BatchReport {
  summary: BatchSummary
  /** Learners of this shard graded by this run. */
  graded: number
  /** Learners skipped because an earlier, interrupted run had graded them. */
  resumed: number
}

/** One worker per core, fewer if memory is short (a grade with its git processes needs ~256 MiB). */
export function defaultConcurrency(): number {
  const byMemory = Math.floor(freemem() / (256 * 1024 ** 2))
  return Math.max(1, Math.min(availableParallelism(), byMemory))
}

/** Each lab's own limit (LABS_LAB_TIMEOUT_S, as for `labs grade`), plus a minute for staging and teardown. */
export function defaultSubmissionTimeoutMs(labs: number, env: NodeJS.ProcessEnv = process.env): number {
  const labMs = Number(env.LABS_LAB_TIMEOUT_S) * 1000 || DEFAULT_LAB_TIMEOUT_MS
  return labs * labMs + 60_000
}

/** A row saved by an earlier run counts only if it was graded, from the same entry, on the same labs. */
function reusable(row: BatchLearner | undefined, entry: RosterEntry, labs: string[]): row is BatchLearner {
  return (
    row?.status === 'graded' &&
    row.submission === entry.submission &&
    row.results.map((r) => r.id).join('\n') === labs.join('\n')
  )
}

async function sweepLostWorker(usesContainers: boolean): Promise<void> {
  await sweepTempDirs()
  if (!usesContainers) return
  const { detectDockerRuntime, dockerClient, sweepStale } = await import('@backend-labs/containers')
  const runtime = await detectDockerRuntime()
  if (runtime.reachable && runtime.endpoint) await sweepStale(dockerClient(runtime.endpoint, 30_000))
}

/**
 * Grades a batch (or one shard of it) into `outDir`: each learner's row is saved as soon as it is
 * graded, so an interrupted batch resumes where it stopped; then summary.json and gradebook.csv are
 * written from every row of the shard.
 */
export async function runBatch(options: BatchOptions): Promise<BatchReport> {
  const store = new ResultStore(options.outDir)
  await mkdir(options.outDir, { recursive: true })
  const entries = selectShard(options.roster, options.shard)
  const rows = new Map<string, BatchLearner>()
  const todo: RosterEntry[] = []
  for (const entry of entries) {
    const saved = await store.load(entry.learner)
    if (reusable(saved, entry, options.labs)) rows.set(entry.learner, saved)
    else todo.push(entry)
  }
  const resumed = rows.size
  const usesContainers = options.usesContainers ?? false
  const workerEnv = options.usesSql && todo.length ? await batchSqlServerEnv(options.engine) : undefined
  const pool = new WorkerPool({
    ...(workerEnv ? { env: workerEnv } : {}),
    size: Math.min(options.concurrency ?? defaultConcurrency(), Math.max(1, todo.length)),
    timeoutMs: options.timeoutMs ?? defaultSubmissionTimeoutMs(options.labs.length),
    afterWorkerLost: () => sweepLostWorker(usesContainers),
  })
  try {
    await Promise.all(
      todo.map(async (entry) => {
        const { row, stderr } = await pool.grade({
          learner: entry.learner,
          submission: entry.submission,
          entry: resolve(options.submissionsDir, entry.submission),
          labs: options.labs,
          sources: options.sources,
          ...(options.engine ? { engine: options.engine } : {}),
        })
        await store.save(row)
        // For the instructor only: what a lost worker printed last (never in the gradebook).
        const log = join(options.outDir, 'logs', `${entry.learner}.stderr.txt`)
        if (stderr) {
          await mkdir(join(options.outDir, 'logs'), { recursive: true })
          await writeFile(log, stderr)
        } else await rm(log, { force: true })
        rows.set(entry.learner, row)
        options.onSubmissionEnd?.(row)
      }),
    )
  } finally {
    await pool.close()
  }
  const summary = await store.publish(options.labs, [...rows.values()])
  return { summary, graded: todo.length, resumed }
}
