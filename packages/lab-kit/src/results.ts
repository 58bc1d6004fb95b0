import type { Visibility } from './check.ts'

/** Bump on any breaking change to the shape below; docs/results.md documents every version. */
export const RESULTS_SCHEMA_VERSION = 1

export type CheckStatus = 'passed' | 'failed' | 'skipped' | 'error'
export type LabStatus = 'passed' | 'failed' | 'error'

export interface CheckResult {
  id: string
  title: string
  visibility: Visibility
  status: CheckStatus
  points: number
  maxPoints: number
  /** Learner-facing: what was expected and found, or why the check was skipped. */
  message?: string
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
  summary: { labs: number; passed: number; score: number; maxScore: number }
}
