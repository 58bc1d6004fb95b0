import type { LabResult } from '@backend-labs/lab-kit'
import type { BatchSummary } from '../batch/batch-summary.ts'
import { compareSummaries, type ScoreChange } from '../batch/regrade-compare.ts'
import type { ClassLab, ClassModel, HeatCell, RegradeRow, StuckLearner } from './dashboard-model.ts'

const isPass = (r: LabResult) => r.status === 'passed' || r.status === 'passed-static'
/** Graded: a verdict was reached (nothing submitted, or a malformed submission, is no verdict). */
const isGraded = (r: LabResult) => r.status !== 'error'

/** Stuck on a lab: graded, not passed, and below half its points. */
const isStuck = (r: LabResult) => isGraded(r) && !isPass(r) && r.score * 2 < r.maxScore

function regradeRows(changes: ScoreChange[]): RegradeRow[] {
  const side = (s: ScoreChange['before']) => (s ? `${s.score}/${s.maxScore} (${s.status})` : 'absent')
  return changes.map((c) => ({
    learner: c.learner,
    lab: c.lab,
    before: side(c.before),
    after: side(c.after),
    checks: c.checks.map(
      (k) =>
        `${k.id}: ${k.before ? `${k.before.status} ${k.before.points}/${k.before.maxPoints}` : 'absent'} → ${k.after ? `${k.after.status} ${k.after.points}/${k.after.maxPoints}` : 'absent'}`,
    ),
  }))
}

/**
 * The class view of a batch (docs/batch.md): score distribution per lab, the failure rate of every
 * check of every lab, the learners stuck on a lab, and with `previous` the regrade differences.
 */
export function buildClassModel(
  summary: BatchSummary,
  previous?: BatchSummary,
  now = new Date(),
): ClassModel {
  const rows = summary.learners.filter((l) => l.status === 'graded')
  const labs: ClassLab[] = []
  const heatmap: HeatCell[] = []
  for (const id of summary.labs) {
    const results = rows.flatMap((l) => {
      const r = l.results.find((x) => x.id === id)
      return r ? [{ learner: l.learner, result: r }] : []
    })
    const graded = results.filter((x) => isGraded(x.result))
    labs.push({
      id,
      title: graded[0]?.result.title ?? results[0]?.result.title ?? id,
      maxScore: Math.max(0, ...graded.map((x) => x.result.maxScore)),
      scores: graded.map((x) => ({ learner: x.learner, score: x.result.score, status: x.result.status })),
      passed: graded.filter((x) => isPass(x.result)).length,
    })
    const checks = new Map<string, { failed: number; graded: number }>()
    for (const { result } of graded)
      for (const c of result.checks) {
        const cell = checks.get(c.id) ?? { failed: 0, graded: 0 }
        cell.graded++
        if (c.status === 'failed' || c.status === 'error') cell.failed++
        checks.set(c.id, cell)
      }
    for (const [check, { failed, graded: n }] of checks)
      heatmap.push({ lab: id, check, failed, graded: n, rate: n === 0 ? 0 : failed / n })
  }
  const stuck: StuckLearner[] = rows.flatMap((l) =>
    l.results.filter(isStuck).map((r) => ({
      learner: l.learner,
      lab: r.id,
      score: r.score,
      maxScore: r.maxScore,
      failing: r.checks.filter((c) => c.status === 'failed' || c.status === 'error').map((c) => c.id),
    })),
  )
  const model: ClassModel = {
    kind: 'class',
    generatedAt: now.toISOString(),
    learners: summary.learners.length,
    labs,
    heatmap,
    stuck,
    ungraded: summary.learners
      .filter((l) => l.status === 'error')
      .map((l) => ({ learner: l.learner, error: l.error ?? 'not graded' })),
    notices: [],
  }
  if (previous) model.changes = regradeRows(compareSummaries(previous, summary))
  return model
}
