import type { Visibility } from './check.ts'

/** Bump on any breaking change to the shape below; docs/results.md documents every version. */
export const RESULTS_SCHEMA_VERSION = 3

/** `undecided`: the check ran but could not reach a verdict (see `CannotDecide`); no points, not a failure. */
export type CheckStatus = 'passed' | 'failed' | 'skipped' | 'error' | 'undecided'
/**
 * `passed-static`: passed, but checks the lab declares essential can run only under the live engine.
 * `undecided`: no check failed, but at least one could not reach a verdict; grade again.
 */
export type LabStatus = 'passed' | 'passed-static' | 'failed' | 'undecided' | 'error'

/**
 * Why a check did not run, as data (reporters derive the wording: see `describeSkip`).
 * - `engine`: it runs only under other engines (`engines`) than the one that graded (`engine`);
 * - `dependency`: a check it `needs` did not pass;
 * - `fatal`: an earlier error stopped the grade (a missing service, an ungradable submission);
 * - `time-limit`: the whole-lab time limit was reached first.
 */
export type SkipReason =
  | { kind: 'engine'; engines: string[]; engine: string; detail?: string }
  | { kind: 'dependency'; needs: string[]; detail?: string }
  | { kind: 'fatal'; detail: string }
  | { kind: 'time-limit'; detail?: string }

export interface CheckResult {
  id: string
  title: string
  visibility: Visibility
  status: CheckStatus
  points: number
  maxPoints: number
  /** Learner-facing: what was expected and found. Absent for a skipped check: see `skip`. */
  message?: string
  /** Set exactly when `status` is `skipped`. */
  skip?: SkipReason
  where?: string
  hints?: string[]
  durationMs: number
}

export interface LabResult {
  id: string
  title: string
  /** Which engine graded it, where a track has several (e.g. `static` or `live`). */
  engine?: string
  /** Notes about how the grade was made, such as a fallback engine. */
  notices?: string[]
  status: LabStatus
  score: number
  maxScore: number
  /** Set when the engine used cannot run some checks: the highest score possible under it. */
  engineMaxScore?: number
  checks: CheckResult[]
  /**
   * Set when `status` is `passed-static`: the essential checks (manifest `liveEssential`) that the
   * engine used could not run, and what would run them (e.g. `SQL Server`).
   */
  unverified?: { checks: string[]; needs: string }
  /** Set when the lab could not be graded at all (status `error`). */
  error?: { kind: 'bad-input' | 'environment' | 'internal'; message: string; hint?: string }
  durationMs: number
}

export interface ResultsDocument {
  schemaVersion: typeof RESULTS_SCHEMA_VERSION
  tool: { name: string; version: string }
  startedAt: string
  durationMs: number
  labs: LabResult[]
  /** `passed` counts `passed` and `passed-static` labs; `passedStatic` the latter alone. */
  summary: { labs: number; passed: number; passedStatic: number; score: number; maxScore: number }
}
