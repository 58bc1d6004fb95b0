import type { CheckStatus, LabResult } from '@backend-labs/lab-kit'

/** A check whose status was not the same in every grade of one submission. */
export interface UnstableCheck {
  id: string
  /** The status of each grade, in order. */
  statuses: (CheckStatus | 'absent')[]
}

/**
 * The checks whose status changed across repeated grades of the same submission (`labs verify
 * --repeat N`). The same submission must get the same verdict every time; any entry is a failure.
 */
export function unstableChecks(results: LabResult[]): UnstableCheck[] {
  const ids = [...new Set(results.flatMap((r) => r.checks.map((c) => c.id)))]
  const unstable: UnstableCheck[] = []
  for (const id of ids) {
    const statuses = results.map((r) => r.checks.find((c) => c.id === id)?.status ?? 'absent')
    if (new Set(statuses).size > 1) unstable.push({ id, statuses })
  }
  const labStatuses = results.map((r) => r.status)
  if (new Set(labStatuses).size > 1 && unstable.length === 0)
    unstable.push({ id: '(lab status)', statuses: labStatuses as UnstableCheck['statuses'] })
  return unstable
}

/** "runs-without-errors: passed, failed, passed" for the author. */
export function describeUnstable(check: UnstableCheck): string {
  return `verdict changed across ${check.statuses.length} grades: ${check.id} ${check.statuses.join(', ')}`
}
