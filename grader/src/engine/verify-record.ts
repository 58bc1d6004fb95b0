import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { labFingerprint, RECORD_FILE } from './lab-fingerprint.ts'
import type { ProjectPaths } from './project-paths.ts'
import type { VerifyCaseKind, VerifyLabReport } from './verify-lab.ts'

/**
 * What `labs verify --record` proved about a lab, for the lab's content it proved it on: every case
 * and its verdict. CI verifies a lab in full only when its content changed since (or it has no
 * record); otherwise it grades the solution and the starter and expects the recorded verdicts.
 */
export interface VerifyRecord {
  lab: string
  /** `labFingerprint` of the lab when it was verified. */
  fingerprint: string
  /** How many times each case was graded, every time with the same verdict. */
  repeat: number
  recordedAt: string
  cases: RecordedCase[]
}

export interface RecordedCase {
  kind: VerifyCaseKind
  id: string
  score: number
  maxScore: number
  failed: string[]
}

export type RecordState =
  | { kind: 'none' }
  | { kind: 'unreadable'; reason: string }
  /** The lab changed since it was recorded. */
  | { kind: 'stale'; record: VerifyRecord; fingerprint: string }
  | { kind: 'current'; record: VerifyRecord }

export const recordPath = (labId: string, paths: ProjectPaths) => join(paths.suiteDir(labId), RECORD_FILE)

function parseRecord(text: string, labId: string): VerifyRecord {
  const value = JSON.parse(text) as Partial<VerifyRecord>
  if (
    value.lab !== labId ||
    typeof value.fingerprint !== 'string' ||
    !Number.isInteger(value.repeat) ||
    !Array.isArray(value.cases) ||
    !value.cases.every(
      (c) => typeof c?.id === 'string' && typeof c.kind === 'string' && Array.isArray(c.failed),
    )
  )
    throw new TypeError(`not a verification record of ${labId}`)
  return value as VerifyRecord
}

export async function recordState(labId: string, paths: ProjectPaths): Promise<RecordState> {
  let text: string
  try {
    text = await readFile(recordPath(labId, paths), 'utf8')
  } catch {
    return { kind: 'none' }
  }
  let record: VerifyRecord
  try {
    record = parseRecord(text, labId)
  } catch (error) {
    return { kind: 'unreadable', reason: (error as Error).message }
  }
  const { hash } = await labFingerprint(labId, paths)
  return hash === record.fingerprint
    ? { kind: 'current', record }
    : { kind: 'stale', record, fingerprint: hash }
}

/** Writes the record of a verification that proved every case; the caller checks `report.ok`. */
export async function writeRecord(
  report: VerifyLabReport,
  repeat: number,
  paths: ProjectPaths,
  now = new Date(),
): Promise<VerifyRecord> {
  if (!report.ok) throw new TypeError(`${report.id} did not verify: nothing to record`)
  const record: VerifyRecord = {
    lab: report.id,
    fingerprint: (await labFingerprint(report.id, paths)).hash,
    repeat,
    recordedAt: now.toISOString(),
    cases: report.cases.map(({ kind, id, score, maxScore, failed }) => ({
      kind,
      id,
      score,
      maxScore,
      failed,
    })),
  }
  await writeFile(recordPath(report.id, paths), `${JSON.stringify(record, null, 2)}\n`)
  return record
}

/**
 * The problems of a partial verification (some cases only) measured against the record: each case
 * graded must get the verdict recorded for it (same failed checks, same score).
 */
export function differencesFromRecord(report: VerifyLabReport, record: VerifyRecord): string[] {
  const problems: string[] = []
  for (const c of report.cases) {
    const recorded = record.cases.find((r) => r.kind === c.kind && r.id === c.id)
    if (!recorded) {
      problems.push(`${c.kind} ${c.id} is not in the record of ${record.recordedAt}`)
      continue
    }
    const now = [...c.failed].sort().join(', ') || 'none'
    const then = [...recorded.failed].sort().join(', ') || 'none'
    if (now !== then || c.score !== recorded.score)
      problems.push(
        `${c.kind} ${c.id}: ${c.score}/${c.maxScore}, failed ${now}; recorded ${recorded.score}/${recorded.maxScore}, failed ${then} (${record.recordedAt}): the grader changed what this lab's verdicts are`,
      )
  }
  return problems
}
