import { CheckFailure, type FailureDetails } from '@backend-labs/lab-kit'

export type ContainerFailureKind =
  | 'build-failed'
  | 'build-timeout'
  | 'exited-at-start'
  | 'never-ready'
  | 'bound-to-localhost'
  | 'out-of-memory'
  | 'too-many-processes'
  | 'ignored-sigterm'
  | 'log-flood'
  /** The app stopped on its own while checks used it. */
  | 'crashed'

/**
 * A learner mistake seen through Docker. The message is short and safe to show; the captured output
 * is kept apart in `logs`, so a hidden check can drop it and a public one can show it
 * (`messageWithLogs()`).
 */
export class ContainerFailure extends CheckFailure {
  constructor(
    readonly kind: ContainerFailureKind,
    details: FailureDetails,
    /** The last relevant lines of build or container output, oldest first. */
    readonly logs: string[] = [],
    /** True when more output existed than was kept. */
    readonly logsTruncated = false,
  ) {
    super(details)
  }

  /** The message followed by the captured lines, for public checks. */
  messageWithLogs(): string {
    if (this.logs.length === 0) return this.message
    const note = this.logsTruncated ? ' (output was cut: only the end is kept)' : ''
    return `${this.message}\nLast ${this.logs.length} lines of output${note}:\n${this.logs.map((l) => `  ${l}`).join('\n')}`
  }
}

/** The last `count` non-empty lines of `text`. */
export function lastLines(text: string, count: number): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .filter((l) => l !== '')
    .slice(-count)
}
