import { type AttemptRecord, HISTORY_VERSION, isPassStatus, type LabSummary } from './attempt-record.ts'

// ISO 8601 timestamps in UTC compare as strings.
const earlier = (a: string, b: string) => [a, b].sort()[0]!
const later = (a: string, b: string) => [a, b].sort()[1]!

/** Adds attempts (oldest first) to a lab's summary, or starts one. */
export function foldAttempts(
  lab: string,
  summary: LabSummary | undefined,
  attempts: AttemptRecord[],
): LabSummary {
  const out: LabSummary = summary
    ? { ...summary, failedCounts: { ...summary.failedCounts } }
    : {
        v: HISTORY_VERSION,
        kind: 'summary',
        lab,
        attempts: 0,
        passes: 0,
        firstAt: attempts[0]?.at ?? new Date(0).toISOString(),
        lastAt: attempts[0]?.at ?? new Date(0).toISOString(),
        bestScore: 0,
        max: 0,
        failedCounts: {},
      }
  for (const a of attempts) {
    out.attempts++
    out.firstAt = earlier(out.firstAt, a.at)
    out.lastAt = later(out.lastAt, a.at)
    if (isPassStatus(a.status)) {
      out.passes++
      if (!out.firstPassAt || a.at < out.firstPassAt) out.firstPassAt = a.at
    }
    out.bestScore = Math.max(out.bestScore, a.score)
    out.max = Math.max(out.max, a.max)
    for (const id of a.failed) out.failedCounts[id] = (out.failedCounts[id] ?? 0) + 1
  }
  return out
}

/** Merges two summaries of the same lab (a file may hold several after a crash mid-compaction). */
export function mergeSummaries(a: LabSummary, b: LabSummary): LabSummary {
  const failedCounts = { ...a.failedCounts }
  for (const [id, n] of Object.entries(b.failedCounts)) failedCounts[id] = (failedCounts[id] ?? 0) + n
  const firstPass = [a.firstPassAt, b.firstPassAt].filter((t): t is string => t !== undefined).sort()[0]
  const merged: LabSummary = {
    ...a,
    attempts: a.attempts + b.attempts,
    passes: a.passes + b.passes,
    firstAt: earlier(a.firstAt, b.firstAt),
    lastAt: later(a.lastAt, b.lastAt),
    bestScore: Math.max(a.bestScore, b.bestScore),
    max: Math.max(a.max, b.max),
    failedCounts,
  }
  if (firstPass) merged.firstPassAt = firstPass
  else delete merged.firstPassAt
  return merged
}

/**
 * Keeps the newest `keepPerLab` attempts of each lab in full and folds the older ones into that
 * lab's summary. Attempts keep their order (oldest first); summaries come first.
 */
export function compactHistory(
  attempts: AttemptRecord[],
  summaries: Map<string, LabSummary>,
  keepPerLab: number,
): { attempts: AttemptRecord[]; summaries: Map<string, LabSummary> } {
  const byLab = new Map<string, AttemptRecord[]>()
  for (const a of attempts) byLab.set(a.lab, [...(byLab.get(a.lab) ?? []), a])
  const outSummaries = new Map(summaries)
  const dropped = new Set<AttemptRecord>()
  for (const [lab, list] of byLab) {
    const sorted = [...list].sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0))
    const old = sorted.slice(0, Math.max(0, sorted.length - keepPerLab))
    if (old.length === 0) continue
    outSummaries.set(lab, foldAttempts(lab, outSummaries.get(lab), old))
    for (const a of old) dropped.add(a)
  }
  return { attempts: attempts.filter((a) => !dropped.has(a)), summaries: outSummaries }
}
