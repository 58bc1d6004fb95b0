import type { CheckResult, LabResult, SkipReason } from './results.ts'

/** Why a check was skipped, in the learner's words: the one place this wording lives. */
export function describeSkip(skip: SkipReason): string {
  switch (skip.kind) {
    case 'engine':
      return `skipped: runs only under the ${skip.engines.join(' or ')} engine (graded with ${skip.engine})`
    case 'dependency':
      return `skipped: needs ${skip.needs.join(', ')}`
    case 'fatal':
      return `not run: ${skip.detail}`
    case 'time-limit':
      return 'not run: the time limit for grading this lab was reached'
  }
}

/** A check's text for any reporter: its failure message, or why it was skipped. */
export function checkMessage(c: CheckResult): string | undefined {
  return c.message ?? (c.skip ? describeSkip(c.skip) : undefined)
}

/** A skip that makes the lab fail: everything but running under another engine. */
export function isBlockingSkip(skip: SkipReason | undefined): boolean {
  return skip !== undefined && skip.kind !== 'engine'
}

/** `passed as far as the static engine can tell; 2 checks need SQL Server`, for `passed-static`. */
export function describePassedStatic(lab: LabResult): string {
  const n = lab.unverified?.checks.length ?? 0
  const needs = lab.unverified?.needs ?? 'the live engine'
  return `passed as far as the ${lab.engine ?? 'static'} engine can tell; ${n} check${n === 1 ? '' : 's'} need${n === 1 ? 's' : ''} ${needs}`
}

/** The verdict line of an `undecided` lab: "2 checks could not decide; grade again". */
export function describeUndecided(lab: LabResult): string {
  const n = lab.checks.filter((c) => c.status === 'undecided').length
  return `${n} check${n === 1 ? '' : 's'} could not decide; grade again when the machine is quieter`
}
