import type { Lab } from './lab.ts'
import { loadSuite } from './lab-modules.ts'
import type { ProjectPaths } from './project-paths.ts'
import { type VerifyLabReport, verifyLab } from './verify-lab.ts'
import { differencesFromRecord, recordDisagreements, recordState } from './verify-record.ts'

export interface RecordedVerification {
  report: VerifyLabReport
  /** `full`: every case graded; `recorded`: solution, alternatives and starter graded against a current record. */
  mode: 'full' | 'recorded'
  /** Why, for the author (e.g. "changed since its record of 2026-12-03: labs/…/README.md"). */
  reason: string
  /** Fixtures the lab's proof covers: graded now (full) or in the recorded verification. */
  fixtures: number
}

const listed = (names: string[]) =>
  names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ')

/**
 * Verifies a lab in full unless it has a current record that agrees with its suite; then grades only
 * its solution, alternatives and starter and expects the recorded verdicts, which still catches a
 * grader change that moves those. For CI, where the slow tracks' full verification does not fit the
 * time budget on every push.
 */
export async function verifyAgainstRecord(
  lab: Lab,
  paths: ProjectPaths,
  options: { concurrency?: number; repeat?: number } = {},
): Promise<RecordedVerification> {
  const state = await recordState(lab.id, paths)
  const suite = state.kind === 'current' ? await loadSuite(lab, paths) : undefined
  const disagreements = state.kind === 'current' && suite ? recordDisagreements(state.record, suite) : []
  if (state.kind !== 'current' || !suite || disagreements.length > 0) {
    const report = await verifyLab(lab, paths, options)
    const reason =
      state.kind === 'none'
        ? 'no record'
        : state.kind === 'unreadable'
          ? `its record is unreadable (${state.reason})`
          : state.kind === 'stale'
            ? `changed since its record of ${state.record.recordedAt.slice(0, 10)}: ${listed(state.changed)}`
            : `its record does not agree with the suite: ${disagreements.join('; ')}`
    return { report, mode: 'full', reason, fixtures: report.cases.filter((c) => c.kind === 'fixture').length }
  }
  const { record } = state
  const report = await verifyLab(lab, paths, { ...options, kinds: ['solution', 'alternative', 'starter'] })
  const differences = differencesFromRecord(report, record)
  report.problems.push(...differences)
  report.ok = report.ok && differences.length === 0
  return {
    report,
    mode: 'recorded',
    reason: `unchanged since its record of ${record.recordedAt.slice(0, 10)} (${record.cases.length} cases, each graded ${record.repeat}×): solution, alternatives and starter graded`,
    fixtures: record.cases.filter((c) => c.kind === 'fixture').length,
  }
}
