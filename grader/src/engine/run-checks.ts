import {
  BadInputError,
  CannotDecide,
  type Check,
  type CheckContext,
  CheckFailure,
  CheckFailures,
  type CheckResult,
  DEFAULT_CHECK_TIMEOUT_MS,
  EnvironmentError,
  machineTimeScale,
  scaledWait,
} from '@backend-labs/lab-kit'

export interface RunChecksOptions {
  /** Builds the context one check receives. */
  context(check: Check, signal: AbortSignal): CheckContext
  /** The engine in use; checks restricted to other engines are skipped with the reason. */
  engine?: string
  /** Show internal error details even for hidden checks (authors running `labs verify`). */
  revealInternals?: boolean
  /** `performance.now()` after which no check starts and running ones are cut short (the whole-run limit). */
  deadline?: number
  /**
   * Each check's time limit is its `timeoutMs` times this: a busy machine gets longer (default
   * `machineTimeScale()`, read as each check starts). The whole-run `deadline` never stretches.
   */
  timeScale?: number
  onCheckStart?(check: Check): void
  onCheckEnd?(result: CheckResult): void
}

class CheckTimeout extends Error {}

async function runWithTimeout(
  check: Check,
  ctx: (signal: AbortSignal) => CheckContext,
  timeoutMs: number,
): Promise<void> {
  const controller = new AbortController()
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort()
      reject(new CheckTimeout())
    }, timeoutMs)
  })
  try {
    await Promise.race([check.run(ctx(controller.signal)), timeout])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * A failure's text for the learner. Failures seen through containers keep the app's captured output
 * apart (`messageWithLogs`); only public checks show it, since hidden checks' logs must stay hidden.
 */
function learnerMessage(check: Check, failure: CheckFailure): string {
  const withLogs = (failure as CheckFailure & { messageWithLogs?: () => string }).messageWithLogs
  return check.visibility === 'public' && typeof withLogs === 'function'
    ? withLogs.call(failure)
    : failure.message
}

function internalMessage(check: Check, error: unknown, reveal: boolean): string {
  const base = 'the grader hit an internal error in this check; this is not your fault'
  if (check.visibility === 'hidden' && !reveal) return `${base}. Please report it to your instructor.`
  const detail = error instanceof Error ? error.message : String(error)
  return `${base}: ${detail.split('\n')[0]}`
}

export interface RunChecksOutcome {
  results: CheckResult[]
  /** A missing service or a submission that cannot be graded stops the run; later checks are not run. */
  fatal?: BadInputError | EnvironmentError
}

/** Runs checks in order. Failures do not stop later checks; dependencies and engines may skip them. */
export async function runChecks(checks: Check[], options: RunChecksOptions): Promise<RunChecksOutcome> {
  const results: CheckResult[] = []
  const passed = new Set<string>()
  let fatal: BadInputError | EnvironmentError | undefined
  // Set once a check is cut short by the whole-run limit (timers may fire a hair before it).
  let deadlineReached = false
  for (const check of checks) {
    const base = {
      id: check.id,
      title: check.title,
      visibility: check.visibility,
      maxPoints: check.points,
      points: 0,
    }
    if (fatal) {
      results.push({
        ...base,
        status: 'skipped',
        skip: { kind: 'fatal', detail: fatal.message },
        durationMs: 0,
      })
      continue
    }
    const missing = (check.needs ?? []).filter((id) => !passed.has(id))
    if (missing.length) {
      const result: CheckResult = {
        ...base,
        status: 'skipped',
        skip: { kind: 'dependency', needs: missing },
        durationMs: 0,
      }
      results.push(result)
      options.onCheckEnd?.(result)
      continue
    }
    if (check.engines && options.engine && !check.engines.includes(options.engine)) {
      const result: CheckResult = {
        ...base,
        status: 'skipped',
        skip: { kind: 'engine', engines: [...check.engines], engine: options.engine },
        durationMs: 0,
      }
      results.push(result)
      options.onCheckEnd?.(result)
      continue
    }
    const timeoutMs = scaledWait(
      check.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS,
      options.timeScale ?? machineTimeScale(),
    )
    const remainingMs =
      options.deadline === undefined ? timeoutMs : Math.floor(options.deadline - performance.now())
    if (remainingMs <= 0 || deadlineReached) {
      results.push({
        ...base,
        status: 'skipped',
        skip: { kind: 'time-limit' },
        durationMs: 0,
      })
      continue
    }
    const limitMs = Math.min(timeoutMs, remainingMs)
    options.onCheckStart?.(check)
    const started = performance.now()
    let result: CheckResult
    try {
      await runWithTimeout(check, (signal) => options.context(check, signal), limitMs)
      result = { ...base, status: 'passed', points: check.points, durationMs: 0 }
      passed.add(check.id)
    } catch (error) {
      if (error instanceof CheckFailure) {
        result = { ...base, status: 'failed', message: learnerMessage(check, error), durationMs: 0 }
        if (error.details.where) result.where = error.details.where
        // The failure's own hint is specific to what was found; the check's hints are the general fallback.
        const own =
          error instanceof CheckFailures ? error.hints : error.details.hint ? [error.details.hint] : []
        const hints = own.length ? own : [...(check.hints ?? [])]
        if (hints.length) result.hints = hints
      } else if (error instanceof CannotDecide) {
        result = { ...base, status: 'undecided', message: error.message, durationMs: 0 }
        const hints = error.hint ? [error.hint] : [...(check.hints ?? [])]
        if (hints.length) result.hints = hints
      } else if (error instanceof CheckTimeout) {
        if (limitMs < timeoutMs) deadlineReached = true
        const message =
          limitMs < timeoutMs
            ? 'stopped: the time limit for grading this lab was reached'
            : `timed out after ${timeoutMs / 1000} s`
        result = { ...base, status: 'failed', message, durationMs: 0 }
        if (check.hints?.length) result.hints = [...check.hints]
      } else if (error instanceof BadInputError || error instanceof EnvironmentError) {
        fatal = error
        result = { ...base, status: 'error', message: error.message, durationMs: 0 }
      } else {
        result = {
          ...base,
          status: 'error',
          message: internalMessage(check, error, options.revealInternals ?? false),
          durationMs: 0,
        }
      }
    }
    result.durationMs = Math.round(performance.now() - started)
    results.push(result)
    options.onCheckEnd?.(result)
  }
  return fatal ? { results, fatal } : { results }
}
