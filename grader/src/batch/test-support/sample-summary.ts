import type { CheckResult, LabResult } from '@backend-labs/lab-kit'
import type { BatchLearner, BatchSummary } from '../batch-summary.ts'

/** A check result for hand-built summaries. */
export function check(
  id: string,
  status: CheckResult['status'],
  points: number,
  maxPoints: number,
): CheckResult {
  return { id, title: `Check ${id}`, visibility: 'public', status, points, maxPoints, durationMs: 5 }
}

/** A lab result whose score and status follow from its checks. */
export function lab(id: string, checks: CheckResult[]): LabResult {
  const score = checks.reduce((s, c) => s + c.points, 0)
  const maxScore = checks.reduce((s, c) => s + c.maxPoints, 0)
  return {
    id,
    title: id,
    status: score === maxScore ? 'passed' : 'failed',
    score,
    maxScore,
    checks,
    durationMs: 40,
  }
}

/** A summary of two labs and five learners covering every kind of row the gradebook writes. */
export function sampleSummary(): BatchSummary {
  const learners: BatchLearner[] = [
    {
      learner: 'ada',
      submission: 'ada',
      status: 'graded',
      results: [
        lab('git/first-commits', [check('a', 'passed', 2, 2), check('b', 'passed', 3, 3)]),
        lab('git/merge-conflict', [check('c', 'passed', 4, 4)]),
      ],
    },
    {
      learner: 'bob',
      submission: 'bob-repo',
      status: 'graded',
      results: [
        lab('git/first-commits', [check('a', 'passed', 2, 2), check('b', 'failed', 0, 3)]),
        {
          id: 'git/merge-conflict',
          title: 'Merge conflict',
          status: 'error',
          score: 0,
          maxScore: 0,
          checks: [],
          error: { kind: 'bad-input', message: 'bob-repo is a file but not a git bundle, "really"' },
          durationMs: 0,
        },
      ],
    },
    {
      learner: 'cy',
      submission: 'cy',
      status: 'error',
      error: 'grading took longer than the limit of 60 s and was stopped',
      results: [],
    },
    {
      learner: 'dee@example.org',
      submission: 'dee',
      status: 'graded',
      results: [
        lab('git/first-commits', [check('a', 'failed', 0, 2), check('b', 'failed', 0, 3)]),
        lab('git/merge-conflict', [check('c', 'passed', 4, 4)]),
      ],
    },
  ]
  return {
    kind: 'backend-labs/batch-summary',
    version: 1,
    generatedAt: '2026-12-02T00:00:00.000Z',
    labs: ['git/first-commits', 'git/merge-conflict'],
    learners,
  }
}
