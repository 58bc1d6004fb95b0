import { type ChildProcess, fork } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, extname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { onProcessExit } from '../engine/process-resources.ts'
import type { BatchLearner } from './batch-summary.ts'
import type { WorkerReply, WorkerRequest } from './batch-worker.ts'
import type { SubmissionTask } from './grade-submission.ts'

/** How much of a worker's stderr is kept for the instructor; a flood beyond it is drained and dropped. */
export const STDERR_KEEP_BYTES = 8 * 1024

export interface WorkerPoolOptions {
  /** Worker processes, each grading one submission at a time. */
  size: number
  /** Hard limit on one submission; past it the worker is killed and the row says so. */
  timeoutMs: number
  /** Runs after a worker was lost (crashed or killed): sweep what it could not release. */
  afterWorkerLost?(): Promise<void>
  /** Added to each worker's environment (the batch's shared SQL Server, say). */
  env?: Record<string, string>
}

/** How long a worker may take to leave once asked, before it is killed. */
const CLOSE_GRACE_MS = 10_000

/** What happened to one submission in a worker: its row, and the worker's stderr if it failed. */
export interface PoolOutcome {
  row: BatchLearner
  /** The tail of the worker's stderr when it crashed or was stopped (for the instructor's log). */
  stderr?: string
}

interface Slot {
  child?: ChildProcess
  stderr: string
}

function workerEntry(): { file: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url)
  // From sources it sits beside this file; in the built CLI this code is a chunk in dist/chunks/
  // and the worker is an entry of its own in dist/.
  const beside = join(dirname(here), `batch-worker${extname(here)}`)
  const file = existsSync(beside) ? beside : join(dirname(dirname(here)), `batch-worker${extname(here)}`)
  // Running from TypeScript sources (tsx, vitest): the worker needs the same loader.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
  return { file, execArgv: extname(here) === '.ts' ? ['--import', tsx] : [] }
}

/**
 * A fixed number of worker processes grading submissions. A submission that crashes its worker, or
 * overruns its time limit (the worker is killed, whatever it was doing), or floods output (stdout
 * goes nowhere, stderr is drained and capped) costs only its own slot: its row says why, a fresh
 * worker takes the next submission. Workers are reused, so start-up is paid once per slot.
 */
export class WorkerPool {
  private readonly idle: Slot[] = []
  private readonly waiting: ((slot: Slot) => void)[] = []
  private readonly all: Slot[] = []
  private closed = false

  constructor(private readonly options: WorkerPoolOptions) {
    for (let i = 0; i < Math.max(1, options.size); i++) {
      const slot: Slot = { stderr: '' }
      this.all.push(slot)
      this.idle.push(slot)
    }
    onProcessExit(() => this.close())
  }

  private spawn(slot: Slot): ChildProcess {
    const { file, execArgv } = workerEntry()
    const child = fork(file, [], {
      execArgv,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      ...(this.options.env ? { env: { ...process.env, ...this.options.env } } : {}),
    })
    slot.stderr = ''
    child.stderr?.on('data', (chunk: Buffer) => {
      slot.stderr = (slot.stderr + chunk.toString('utf8')).slice(-STDERR_KEEP_BYTES)
    })
    slot.child = child
    return child
  }

  private acquire(): Promise<Slot> {
    const slot = this.idle.pop()
    return slot ? Promise.resolve(slot) : new Promise((resolve) => this.waiting.push(resolve))
  }

  private release(slot: Slot): void {
    const next = this.waiting.shift()
    if (next) next(slot)
    else this.idle.push(slot)
  }

  /** Grades one submission in a worker; never rejects: a failure becomes the row's error. */
  async grade(task: SubmissionTask): Promise<PoolOutcome> {
    const slot = await this.acquire()
    try {
      return await this.runIn(slot, task)
    } finally {
      this.release(slot)
    }
  }

  private runIn(slot: Slot, task: SubmissionTask): Promise<PoolOutcome> {
    const alive = slot.child && slot.child.exitCode === null && slot.child.connected
    const child = alive ? slot.child! : this.spawn(slot)
    slot.stderr = ''
    const failed = (error: string): PoolOutcome => ({
      row: { learner: task.learner, submission: task.submission, status: 'error', error, results: [] },
      stderr: slot.stderr,
    })
    return new Promise<PoolOutcome>((resolve) => {
      let timer: NodeJS.Timeout | undefined
      let started = false
      const done = (outcome: PoolOutcome, lost = false) => {
        clearTimeout(timer)
        child.off('message', onMessage)
        child.off('exit', onExit)
        if (!lost || this.closed) return resolve(outcome)
        // A lost worker's temp dirs and containers carry its (now dead) pid: sweep them first.
        void (this.options.afterWorkerLost?.() ?? Promise.resolve())
          .catch(() => {})
          .then(() => resolve(outcome))
      }
      // The limit counts from the moment the worker takes the submission, not from its start-up.
      const start = () => {
        started = true
        timer = setTimeout(() => {
          child.off('exit', onExit)
          slot.child = undefined
          const s = Math.round(this.options.timeoutMs / 1000)
          const outcome = failed(`grading took longer than the limit of ${s} s and was stopped`)
          child.once('exit', () => done(outcome, true))
          child.kill('SIGKILL')
        }, this.options.timeoutMs)
        child.send({ type: 'grade', task } satisfies WorkerRequest)
      }
      const onMessage = (reply: WorkerReply) => {
        if (reply.type === 'ready' && !started) start()
        if (reply.type === 'done' && reply.row.learner === task.learner) done({ row: reply.row })
      }
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        slot.child = undefined
        if (this.closed) return done(failed('the batch was stopped before this submission was graded'))
        const how = signal ? `signal ${signal}` : `exit code ${code}`
        done(failed(`the grader crashed while grading this submission (${how})`), true)
      }
      child.on('message', onMessage)
      child.on('exit', onExit)
      if (alive) start()
    })
  }

  /** Stops every worker (they release their own resources on disconnect) and waits for them. */
  async close(): Promise<void> {
    this.closed = true
    await Promise.all(
      this.all.map(async ({ child }) => {
        if (!child || child.exitCode !== null || child.signalCode !== null) return
        const exited = new Promise((resolve) => child.once('exit', resolve))
        // A worker stuck in a loop never sees the disconnect: kill it after a grace period.
        const kill = setTimeout(() => child.kill('SIGKILL'), CLOSE_GRACE_MS)
        if (child.connected) child.disconnect()
        await exited
        clearTimeout(kill)
      }),
    )
  }
}
