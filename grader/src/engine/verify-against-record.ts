import type { Lab } from './lab.ts'
import type { ProjectPaths } from './project-paths.ts'
import { type VerifyLabReport, verifyLab } from './verify-lab.ts'
import { differencesFromRecord, recordState } from './verify-record.ts'

export interface RecordedVerification {
  report: VerifyLabReport
  /** `full`: every case graded; `recorded`: solution and starter graded against a current record. */
  mode: 'full' | 'recorded'
  /** Why, for the author (e.g. "changed since its record of 2026-12-03"). */
  reason: string
  /** Fixtures the lab's proof covers: graded now (full) or in the recorded verification. */
  fixtures: number
}

/**
 * Verifies a lab in full when it has no current record (none, unreadable, or the lab changed since);
 * otherwise grades only its solution and starter and expects the recorded verdicts, which still
 * catches a grader change that breaks the lab. For CI, where the slow tracks' full verification does
 * not fit the time budget on every push.
 */
export async function verifyAgainstRecord(
  lab: Lab,
  paths: ProjectPaths,
  options: { concurrency?: number; repeat?: number } = {},
): Promise<RecordedVerification> {
  const state = await recordState(lab.id, paths)
  if (state.kind !== 'current') {
    const report = await verifyLab(lab, paths, options)
    const reason =
      state.kind === 'none'
        ? 'no record'
        : state.kind === 'unreadable'
          ? `its record is unreadable (${state.reason})`
          : `changed since its record of ${state.record.recordedAt.slice(0, 10)}`
    return { report, mode: 'full', reason, fixtures: report.cases.filter((c) => c.kind === 'fixture').length }
  }
  const { record } = state
  const report = await verifyLab(lab, paths, { ...options, kinds: ['solution', 'starter'] })
  const differences = differencesFromRecord(report, record)
  report.problems.push(...differences)
  report.ok = report.ok && differences.length === 0
  return {
    report,
    mode: 'recorded',
    reason: `unchanged since its record of ${record.recordedAt.slice(0, 10)} (${record.cases.length} cases, each graded ${record.repeat}×)`,
    fixtures: record.cases.filter((c) => c.kind === 'fixture').length,
  }
}
