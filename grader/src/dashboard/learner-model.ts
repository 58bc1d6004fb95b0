import type { HistoryState } from '../history/attempt-history.ts'
import { isPassStatus } from '../history/attempt-record.ts'
import type { LabProgressStatus, LearnerLab, LearnerModel } from './dashboard-model.ts'

/** A lab of the catalog as the learner view needs it (status as `labs list` decides it). */
export interface CatalogLab {
  id: string
  track: string
  title: string
  prerequisites: string[]
  status: LabProgressStatus
}

function labView(lab: CatalogLab, history: HistoryState): LearnerLab {
  const own = history.attempts.filter((a) => a.lab === lab.id)
  const summary = history.summaries.get(lab.id)
  const folded = summary?.attempts ?? 0
  const counts = new Map(Object.entries(summary?.failedCounts ?? {}))
  for (const a of own) for (const id of a.failed) counts.set(id, (counts.get(id) ?? 0) + 1)
  const firstAttemptAt = summary?.firstAt ?? own[0]?.at
  const firstPassAt = summary?.firstPassAt ?? own.find((a) => isPassStatus(a.status))?.at
  const view: LearnerLab = {
    ...lab,
    attempts: own.map((a, i) => ({
      n: folded + i + 1,
      at: a.at,
      score: a.score,
      max: a.max,
      status: a.status,
      failed: a.failed,
    })),
    foldedAttempts: folded,
    totalAttempts: folded + own.length,
    failedChecks: [...counts]
      .map(([check, count]) => ({ check, count }))
      .sort((x, y) => y.count - x.count || x.check.localeCompare(y.check)),
  }
  // A lab graded before the history existed is still passed (progress.json says so).
  if (firstPassAt && view.status !== 'passed') view.status = 'passed'
  if (own.length > 0 || summary) {
    view.bestScore = Math.max(summary?.bestScore ?? 0, ...own.map((a) => a.score))
    view.maxScore = own.at(-1)?.max ?? summary?.max ?? 0
    if (view.status === 'not started') view.status = 'in progress'
  }
  if (firstAttemptAt) view.firstAttemptAt = firstAttemptAt
  if (firstPassAt) view.firstPassAt = firstPassAt
  if (firstAttemptAt && firstPassAt) view.timeToPassMs = Date.parse(firstPassAt) - Date.parse(firstAttemptAt)
  return view
}

/**
 * What to do next: the nearest lab not started whose prerequisites are all passed. Nearest: one that
 * follows the lab attempted last, then one that follows any passed lab, then one in the same track,
 * then catalog order. With none ready: the in-progress lab attempted last.
 */
function nextStep(labs: LearnerLab[]): LearnerModel['next'] {
  const passed = new Set(labs.filter((l) => l.status === 'passed').map((l) => l.id))
  const latest = [...labs]
    .filter((l) => l.attempts.length > 0)
    .sort((a, b) => (a.attempts.at(-1)!.at < b.attempts.at(-1)!.at ? 1 : -1))[0]
  const distance = (l: LearnerLab) =>
    latest && l.prerequisites.includes(latest.id)
      ? 0
      : l.prerequisites.length > 0
        ? 1
        : l.track === latest?.track
          ? 2
          : 3
  const ready = labs
    .map((l, order) => ({ l, order }))
    .filter(({ l }) => l.status === 'not started' && l.prerequisites.every((p) => passed.has(p)))
    .sort((a, b) => distance(a.l) - distance(b.l) || a.order - b.order)
  const pick = ready[0]?.l
  if (pick) {
    const why =
      pick.prerequisites.length > 0
        ? `you passed its prerequisites (${pick.prerequisites.join(', ')})`
        : 'it has no prerequisites'
    return { id: pick.id, title: pick.title, why: `start it with \`pnpm labs start ${pick.id}\`: ${why}` }
  }
  const unfinished =
    labs.find((l) => l.status === 'in progress' && l === latest) ??
    labs.find((l) => l.status === 'in progress')
  if (unfinished)
    return {
      id: unfinished.id,
      title: unfinished.title,
      why: `finish it: \`pnpm grade ${unfinished.id}\` shows what is still failing`,
    }
  return undefined
}

/** The learner view: every lab with its attempts, the checks failed most, and what to do next. */
export function buildLearnerModel(
  catalog: CatalogLab[],
  history: HistoryState,
  now = new Date(),
): LearnerModel {
  const labs = catalog.map((l) => labView(l, history))
  const failedMost = labs
    .flatMap((l) => l.failedChecks.map((c) => ({ lab: l.id, ...c })))
    .sort((x, y) => y.count - x.count || `${x.lab}/${x.check}`.localeCompare(`${y.lab}/${y.check}`))
    .slice(0, 10)
  const model: LearnerModel = {
    kind: 'learner',
    generatedAt: now.toISOString(),
    labs,
    failedMost,
    notices: history.notices,
  }
  const next = nextStep(labs)
  if (next) model.next = next
  return model
}
