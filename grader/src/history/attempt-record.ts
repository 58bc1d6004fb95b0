import { z } from 'zod'

/** Bump on a breaking change to a line's shape; lines of another version are reported and skipped. */
export const HISTORY_VERSION = 1

const labStatus = z.enum(['passed', 'passed-static', 'failed', 'undecided', 'error'])

/** One grade of one lab, as one line of history.jsonl. */
export const attemptRecordSchema = z.object({
  v: z.literal(HISTORY_VERSION),
  kind: z.literal('attempt'),
  /** ISO 8601, when the grade ended. */
  at: z.iso.datetime(),
  lab: z.string().min(1),
  engine: z.string().optional(),
  score: z.number().nonnegative(),
  max: z.number().nonnegative(),
  status: labStatus,
  /** Ids of the checks that failed or errored. */
  failed: z.array(z.string()),
  durationMs: z.number().nonnegative(),
})
export type AttemptRecord = z.infer<typeof attemptRecordSchema>

/** Older attempts of one lab folded into counts, so the file stays bounded. */
export const labSummarySchema = z.object({
  v: z.literal(HISTORY_VERSION),
  kind: z.literal('summary'),
  lab: z.string().min(1),
  attempts: z.number().int().nonnegative(),
  passes: z.number().int().nonnegative(),
  firstAt: z.iso.datetime(),
  lastAt: z.iso.datetime(),
  /** When the lab was first passed, if it was among the folded attempts. */
  firstPassAt: z.iso.datetime().optional(),
  bestScore: z.number().nonnegative(),
  max: z.number().nonnegative(),
  /** Check id → how many folded attempts it failed in. */
  failedCounts: z.record(z.string(), z.number().int().nonnegative()),
})
export type LabSummary = z.infer<typeof labSummarySchema>

export const historyLineSchema = z.discriminatedUnion('kind', [attemptRecordSchema, labSummarySchema])
export type HistoryLine = z.infer<typeof historyLineSchema>

export const isPassStatus = (status: AttemptRecord['status']) =>
  status === 'passed' || status === 'passed-static'
