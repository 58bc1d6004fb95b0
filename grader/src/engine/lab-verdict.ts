import type { LabResult } from '@backend-labs/lab-kit'
import { isBlockingSkip } from '@backend-labs/lab-kit'
import type { Lab } from './lab.ts'

/** What runs the live engine of a service, in the verdict's words ("2 checks need SQL Server"). */
const LIVE_REQUIREMENT: Partial<Record<string, string>> = { sql: 'SQL Server' }

/**
 * A graded lab's status from its checks: `failed` when a check failed, errored, or was skipped for a
 * failed dependency, a fatal error or the time limit; `undecided` when none did but a check could not
 * reach a verdict (grade again); `passed-static` when it would pass but an
 * essential check (manifest `liveEssential`) could not run under the engine used; else `passed`.
 * Also sets `engineMaxScore` and `unverified`.
 */
export function applyVerdict(lab: Lab, result: LabResult): void {
  const engineSkipped = result.checks.filter((c) => c.skip?.kind === 'engine')
  if (engineSkipped.length)
    result.engineMaxScore = result.maxScore - engineSkipped.reduce((sum, c) => sum + c.maxPoints, 0)
  const blocking = result.checks.some(
    (c) => c.status === 'failed' || c.status === 'error' || isBlockingSkip(c.skip),
  )
  if (blocking) {
    result.status = 'failed'
    return
  }
  if (result.checks.some((c) => c.status === 'undecided')) {
    result.status = 'undecided'
    return
  }
  const essential = new Set(lab.manifest.liveEssential)
  const unverified = engineSkipped.filter((c) => essential.has(c.id)).map((c) => c.id)
  if (unverified.length === 0) {
    result.status = 'passed'
    return
  }
  result.status = 'passed-static'
  const needs =
    lab.manifest.services.map((s) => LIVE_REQUIREMENT[s]).find((x) => x !== undefined) ?? 'the live engine'
  result.unverified = { checks: unverified, needs }
}
