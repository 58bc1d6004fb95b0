/**
 * Thrown by a check that ran but could not reach a verdict: a measurement too noisy to call either
 * way, say. The check gets the status `undecided` (no points, not a failure), the grade goes on with
 * the next checks, and the lab's status is `undecided` unless another check failed.
 */
export class CannotDecide extends Error {
  override readonly name = 'CannotDecide'
  constructor(
    /** Learner-facing: what could not be told, and why. */
    message: string,
    /** What to do, e.g. grade again on a quieter machine. */
    readonly hint?: string,
  ) {
    super(message)
  }
}

/** Shorthand for `throw new CannotDecide(...)`. */
export function cannotDecide(message: string, hint?: string): never {
  throw new CannotDecide(message, hint)
}
