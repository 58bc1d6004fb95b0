import type { LabResult } from '@backend-labs/lab-kit'
import { type AttemptRecord, HISTORY_VERSION } from './attempt-record.ts'

/** The history line for one grade: when, which lab, the engine, the score and the checks it failed. */
export function attemptFromResult(result: LabResult, at: Date = new Date()): AttemptRecord {
  const record: AttemptRecord = {
    v: HISTORY_VERSION,
    kind: 'attempt',
    at: at.toISOString(),
    lab: result.id,
    score: result.score,
    max: result.maxScore,
    status: result.status,
    failed: result.checks.filter((c) => c.status === 'failed' || c.status === 'error').map((c) => c.id),
    durationMs: Math.max(0, Math.round(result.durationMs)),
  }
  if (result.engine) record.engine = result.engine
  return record
}
