import { CheckFailure } from './check-failure.ts'

/**
 * Several learner mistakes found by one check, reported together so that fixing one does not
 * reveal the next only on the following attempt. Its message lists each problem on its own line.
 */
export class CheckFailures extends CheckFailure {
  readonly failures: readonly CheckFailure[]

  constructor(failures: readonly CheckFailure[]) {
    const first = failures[0]
    if (!first) throw new TypeError('CheckFailures needs at least one failure')
    super({ ...first.details, ...(first.details.where ? { where: first.details.where } : {}) })
    this.failures = failures
    this.message = `${failures.length} problems:\n${failures.map((f, i) => `${i + 1}. ${f.message}`).join('\n')}`
  }

  /** Each problem's own hint, in order, without repeats. */
  get hints(): string[] {
    return [...new Set(this.failures.flatMap((f) => (f.details.hint ? [f.details.hint] : [])))]
  }
}

/**
 * Runs every step and reports all the learner mistakes they find: one failure is rethrown as is,
 * several become one `CheckFailures`. Any other error stops at once (a grader bug is not a mistake).
 */
export function expectAll(steps: Iterable<() => unknown>): void {
  const failures: CheckFailure[] = []
  for (const step of steps) {
    try {
      step()
    } catch (error) {
      if (!(error instanceof CheckFailure)) throw error
      failures.push(...(error instanceof CheckFailures ? error.failures : [error]))
    }
  }
  if (failures.length === 1) throw failures[0]
  if (failures.length > 1) throw new CheckFailures(failures)
}
