export interface FailureDetails {
  /** What the task asked for. */
  expected: string
  /** What the submission has instead. */
  found?: string
  /** Where: `file:line`, a branch, a commit, an endpoint. */
  where?: string
  /** What to do next. */
  hint?: string
}

/**
 * A learner mistake. Throw it from a check's `run()`; its text is shown to the learner as is,
 * so write it for a person and never include grader internals.
 */
export class CheckFailure extends Error {
  override readonly name = 'CheckFailure'
  readonly details: FailureDetails

  constructor(details: FailureDetails | string) {
    const d = typeof details === 'string' ? { expected: details } : details
    super(formatFailure(d))
    this.details = d
  }
}

export function formatFailure(d: FailureDetails): string {
  const parts = [`expected ${d.expected}`]
  if (d.found !== undefined) parts.push(`found ${d.found}`)
  let text = parts.join(', but ')
  if (d.where) text = `${d.where}: ${text}`
  return text
}

/** Shorthand for `throw new CheckFailure(...)`. */
export function fail(details: FailureDetails | string): never {
  throw new CheckFailure(details)
}

/** Fails with `details` unless `condition` holds. */
export function expectThat(condition: unknown, details: FailureDetails | string): asserts condition {
  if (!condition) throw new CheckFailure(details)
}
