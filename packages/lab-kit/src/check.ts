/** Who may see a check: public checks ship with the lab, hidden ones live under grader/suites. */
export type Visibility = 'public' | 'hidden'

/** What every check receives. Tracks extend it with their own services (a repo view, a container URL…). */
export interface CheckContext {
  /** The lab being graded, e.g. `git/first-commits`. */
  readonly labId: string
  /** The staged copy of the submission. Checks may read it; writing to it changes nothing the learner owns. */
  readonly submissionDir: string
  /** Aborted when the check overruns its timeout: long operations should pass it on. */
  readonly signal: AbortSignal
  /** A grader-side log line. It is shown only with --verbose, and never for hidden checks. */
  log(message: string): void
}

export interface Check<Ctx extends CheckContext = CheckContext> {
  /** Stable kebab-case slug, unique within the lab. */
  readonly id: string
  /** What the check proves, written for the learner. */
  readonly title: string
  readonly points: number
  readonly visibility: Visibility
  readonly timeoutMs?: number
  /** Ids of checks that must pass first; if one does not, this one is skipped. */
  readonly needs?: readonly string[]
  /** Shown to the learner when the check fails. */
  readonly hints?: readonly string[]
  /** Only run under these engines (e.g. `live` for SQL behavioural probes); skipped with a reason otherwise. */
  readonly engines?: readonly string[]
  run(ctx: Ctx): Promise<void>
}

/** A check as an author writes it: visibility comes from where the file lives unless stated. */
export type CheckSpec<Ctx extends CheckContext = CheckContext> = Omit<Check<Ctx>, 'visibility'> & {
  readonly visibility?: Visibility
}

export const DEFAULT_CHECK_TIMEOUT_MS = 10_000

const CHECK_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** Declares a lab's checks. Validates ids eagerly so an authoring mistake surfaces at load time. */
export function defineChecks<Ctx extends CheckContext = CheckContext>(
  visibility: Visibility,
  specs: readonly CheckSpec<Ctx>[],
): Check<Ctx>[] {
  const seen = new Set<string>()
  return specs.map((spec) => {
    if (!CHECK_ID.test(spec.id)) throw new TypeError(`check id "${spec.id}" must be a kebab-case slug`)
    if (seen.has(spec.id)) throw new TypeError(`check id "${spec.id}" is declared twice`)
    if (!(spec.points >= 0)) throw new TypeError(`check "${spec.id}" needs points >= 0`)
    seen.add(spec.id)
    return { ...spec, visibility: spec.visibility ?? visibility }
  })
}
