/** The process exit code of each kind of outcome; only the CLI entry point exits. */
export const ExitCode = {
  ok: 0,
  checksFailed: 1,
  badInput: 2,
  environment: 3,
  internal: 4,
} as const

/** Bad input: a usage mistake, a malformed lab or a malformed submission. */
export class BadInputError extends Error {
  override readonly name = 'BadInputError'
  readonly exitCode = ExitCode.badInput
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message)
  }
}

/** The environment lacks something: Docker, an image, a tool. Not the learner's fault. */
export class EnvironmentError extends Error {
  override readonly name = 'EnvironmentError'
  readonly exitCode = ExitCode.environment
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message)
  }
}

/** A bug in the grader itself. */
export class InternalError extends Error {
  override readonly name = 'InternalError'
  readonly exitCode = ExitCode.internal
}
