import type { CheckResult, LabResult } from '@backend-labs/lab-kit'
import type { BatchLearner, BatchSummary } from '../../batch/batch-summary.ts'

/** A small seeded generator (mulberry32): the same class every run. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const LABS: Record<string, string[]> = {
  'git/first-commits': ['one-commit-per-change', 'gitignore-build', 'no-secrets', 'message-style'],
  'git/merge-conflict': ['merged', 'conflict-resolved', 'tests-pass'],
  'sqlserver/normalise': ['tables', 'keys', 'foreign-keys', 'no-duplicates', 'view'],
}

/** A batch summary of `learners` learners over three labs, each check failing at its own rate. */
export function generatedClass(learners: number, seed = 42): BatchSummary {
  const next = random(seed)
  const rows: BatchLearner[] = []
  for (let i = 0; i < learners; i++) {
    const results: LabResult[] = Object.entries(LABS).map(([id, checks], labIndex) => {
      const checkResults: CheckResult[] = checks.map((c, k) => {
        const failed = next() < 0.1 + 0.12 * k + 0.05 * labIndex
        return {
          id: c,
          title: c.replaceAll('-', ' '),
          visibility: k % 2 ? 'hidden' : 'public',
          status: failed ? 'failed' : 'passed',
          points: failed ? 0 : 2,
          maxPoints: 2,
          ...(failed ? { message: `expected ${c}` } : {}),
          durationMs: 3,
        }
      })
      const score = checkResults.reduce((s, c) => s + c.points, 0)
      const maxScore = checkResults.length * 2
      return {
        id,
        title: id,
        status: score === maxScore ? 'passed' : 'failed',
        score,
        maxScore,
        checks: checkResults,
        durationMs: 50,
      }
    })
    rows.push({
      learner: `learner-${String(i + 1).padStart(3, '0')}`,
      submission: `s${i + 1}`,
      status: 'graded',
      results,
    })
  }
  return {
    kind: 'backend-labs/batch-summary',
    version: 1,
    generatedAt: '2026-12-02T00:00:00.000Z',
    labs: Object.keys(LABS),
    learners: rows,
  }
}
