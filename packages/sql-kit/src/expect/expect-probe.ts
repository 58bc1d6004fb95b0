import { fail } from '@backend-labs/lab-kit'
import type { ProbeOutcome } from '../live/probe.ts'

/**
 * The probe was refused by the database (a constraint, a permission), optionally with a given
 * SQL Server error number (547: constraint conflict, 2627: unique key, 515: NULL into NOT NULL).
 * `action` says in the learner's terms what was tried, e.g. "inserting an order line with Quantity 0".
 */
export function expectRejected(
  outcome: ProbeOutcome,
  action: string,
  want: { errorNumber?: number; hint?: string } = {},
): void {
  const hint = want.hint ? { hint: want.hint } : {}
  if (outcome.status === 'accepted')
    fail({ expected: `${action} to be rejected by the database`, found: 'it was accepted', ...hint })
  if (outcome.timedOut)
    fail({
      expected: `${action} to be rejected by the database`,
      found: 'it did not finish in time',
      ...hint,
    })
  if (want.errorNumber !== undefined && outcome.errorNumber !== want.errorNumber)
    fail({
      expected: `${action} to be rejected with SQL Server error ${want.errorNumber}`,
      found: `error ${outcome.errorNumber ?? '?'}: ${outcome.message}`,
      ...hint,
    })
}

/** The probe ran without an error. */
export function expectAccepted(outcome: ProbeOutcome, action: string, hint?: string): void {
  if (outcome.status === 'rejected')
    fail({
      expected: `${action} to be accepted`,
      found: outcome.timedOut
        ? 'it did not finish in time'
        : `SQL Server error ${outcome.errorNumber ?? '?'}: ${outcome.message}`,
      ...(hint ? { hint } : {}),
    })
}
