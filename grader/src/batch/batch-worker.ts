/**
 * A worker process of `labs grade-batch`: grades the submissions its parent sends, one at a time,
 * and answers each with the learner's row. It exits when its parent goes away (even a killed one),
 * releasing what it holds; the parent kills it outright when a submission overruns its time limit.
 */

import { applyTestcontainersDefaults } from '../cli/testcontainers-env.ts'
import { releaseProcessResources } from '../engine/process-resources.ts'
import type { BatchLearner } from './batch-summary.ts'
import { gradeSubmission, type SubmissionTask } from './grade-submission.ts'

/** Parent → worker. */
export type WorkerRequest = { type: 'grade'; task: SubmissionTask }
/** Worker → parent. */
export type WorkerReply = { type: 'ready' } | { type: 'done'; row: BatchLearner }

function send(reply: WorkerReply): void {
  process.send?.(reply)
}

async function leave(code: number): Promise<never> {
  await releaseProcessResources().catch(() => {})
  process.exit(code)
}

applyTestcontainersDefaults()
process.on('disconnect', () => void leave(0))
process.on('SIGTERM', () => void leave(143))
process.on('SIGINT', () => void leave(130))
process.on('message', (message: WorkerRequest) => {
  if (message.type !== 'grade') return
  const { task } = message
  gradeSubmission(task)
    .catch(
      (error: unknown): BatchLearner => ({
        learner: task.learner,
        submission: task.submission,
        status: 'error',
        error: `internal grader error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
        results: [],
      }),
    )
    .then((row) => send({ type: 'done', row }))
})
send({ type: 'ready' })
