import type { CheckResult, CheckStatus, LabResult } from '@backend-labs/lab-kit'
import type { BatchLearner, BatchSummary } from './batch-summary.ts'
import { compareIds } from './shard.ts'

/** A check's outcome on one side of the comparison. */
export interface CheckSide {
  status: CheckStatus
  points: number
  maxPoints: number
}

/** Why a score moved: one check whose outcome or worth differs. */
export interface CheckChange {
  id: string
  title: string
  /** Absent when the check did not exist before (a new check). */
  before?: CheckSide
  /** Absent when the check no longer exists. */
  after?: CheckSide
  /** The learner-facing message of the new outcome, if any. */
  message?: string
}

/** One learner's lab whose score, maximum or status differs between two batches. */
export interface ScoreChange {
  learner: string
  lab: string
  before?: { status: string; score: number; maxScore: number }
  after?: { status: string; score: number; maxScore: number }
  checks: CheckChange[]
}

function side(c: CheckResult): CheckSide {
  return { status: c.status, points: c.points, maxPoints: c.maxPoints }
}

function labSide(row: BatchLearner | undefined, lab: LabResult | undefined) {
  if (!row) return undefined
  if (row.status === 'error' || !lab)
    return { status: row.status === 'error' ? 'error' : 'missing', score: 0, maxScore: 0 }
  return { status: lab.status, score: lab.score, maxScore: lab.maxScore }
}

function checkChanges(before: LabResult | undefined, after: LabResult | undefined): CheckChange[] {
  const old = new Map((before?.checks ?? []).map((c) => [c.id, c]))
  const now = new Map((after?.checks ?? []).map((c) => [c.id, c]))
  const changes: CheckChange[] = []
  for (const id of new Set([...old.keys(), ...now.keys()])) {
    const b = old.get(id)
    const a = now.get(id)
    if (b && a && b.status === a.status && b.points === a.points && b.maxPoints === a.maxPoints) continue
    const change: CheckChange = { id, title: (a ?? b)!.title }
    if (b) change.before = side(b)
    if (a) change.after = side(a)
    if (a?.message) change.message = a.message
    changes.push(change)
  }
  return changes
}

/**
 * Whose scores change between a previous batch and a new one, and why (check by check). Learners
 * and labs on only one side are reported too; equal outcomes are not.
 */
export function compareSummaries(previous: BatchSummary, current: BatchSummary): ScoreChange[] {
  const prev = new Map(previous.learners.map((l) => [l.learner, l]))
  const curr = new Map(current.learners.map((l) => [l.learner, l]))
  const learners = [...new Set([...prev.keys(), ...curr.keys()])].sort(compareIds)
  const labs = [...new Set([...previous.labs, ...current.labs])]
  const changes: ScoreChange[] = []
  for (const learner of learners) {
    const p = prev.get(learner)
    const c = curr.get(learner)
    for (const lab of labs) {
      const pl = p?.results.find((r) => r.id === lab)
      const cl = c?.results.find((r) => r.id === lab)
      const before = labSide(p, pl)
      const after = labSide(c, cl)
      if (JSON.stringify(before) === JSON.stringify(after)) continue
      const change: ScoreChange = { learner, lab, checks: checkChanges(pl, cl) }
      if (before) change.before = before
      if (after) change.after = after
      changes.push(change)
    }
  }
  return changes
}

function describeSide(s: CheckSide | undefined): string {
  return s ? `${s.status} ${s.points}/${s.maxPoints}` : 'absent'
}

/** The comparison as text for a person: one block per changed score, each check that explains it. */
export function formatScoreChanges(changes: ScoreChange[]): string {
  if (changes.length === 0) return 'No score changes.\n'
  const lines: string[] = []
  const score = (s: ScoreChange['before']) => (s ? `${s.score}/${s.maxScore} (${s.status})` : 'absent')
  for (const change of changes) {
    lines.push(`${change.learner}  ${change.lab}: ${score(change.before)} → ${score(change.after)}`)
    for (const c of change.checks) {
      const why = c.message ? `: ${c.message.split('\n')[0]}` : ''
      lines.push(`  ${c.id}: ${describeSide(c.before)} → ${describeSide(c.after)}${why}`)
    }
    if (change.checks.length === 0 && change.after?.status === 'error')
      lines.push('  not graded (see the row)')
  }
  const learners = new Set(changes.map((c) => c.learner)).size
  lines.push('', `${changes.length} score change(s) for ${learners} learner(s).`)
  return `${lines.join('\n')}\n`
}
