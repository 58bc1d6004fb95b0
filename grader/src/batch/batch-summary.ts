import type { LabResult } from '@backend-labs/lab-kit'

export const BATCH_SUMMARY_KIND = 'backend-labs/batch-summary'
export const BATCH_SUMMARY_VERSION = 1

/** One learner's row of a batch: written to `results/<learner>.json` and into summary.json. */
export interface BatchLearner {
  learner: string
  /** The entry's name in the submissions folder. */
  submission: string
  /** `error`: the submission as a whole could not be graded (crash, time limit, missing entry). */
  status: 'graded' | 'error'
  error?: string
  /** One result per lab of the batch, in the batch's lab order (empty when status is `error`). */
  results: LabResult[]
}

/** `summary.json` of a batch (docs/batch.md documents it; a dashboard reads it). */
export interface BatchSummary {
  kind: typeof BATCH_SUMMARY_KIND
  version: typeof BATCH_SUMMARY_VERSION
  generatedAt: string
  labs: string[]
  learners: BatchLearner[]
}
