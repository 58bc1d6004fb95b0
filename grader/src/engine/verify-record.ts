import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Suite } from '@backend-labs/lab-kit'
import { changedFiles, type LabFingerprint, labFingerprint, RECORD_FILE } from './lab-fingerprint.ts'
import type { ProjectPaths } from './project-paths.ts'
import type { VerifyCaseKind, VerifyLabReport } from './verify-lab.ts'

/** A record proves stable verdicts only if every case was graded this many times at least. */
export const MIN_RECORD_REPEAT = 5

/**
 * What `labs verify --record` proved about a lab, for the lab's content it proved it on: every case
 * and its verdict. CI verifies a lab in full only when its content changed since (or it has no
 * record); otherwise it grades the solution, alternatives and starter and expects the recorded verdicts.
 */
export interface VerifyRecord {
  lab: string
  /** `labFingerprint(…).hash` of the lab when it was verified. */
  fingerprint: string
  /** Each file's hash then, to name what changed since. */
  files: Record<string, string>
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
  /** A fixture the engine used could not catch (graded, not judged). */
  skipped?: string
}

export type RecordState =
  | { kind: 'none' }
  | { kind: 'unreadable'; reason: string }
  /** The lab changed since it was recorded. */
  | { kind: 'stale'; record: VerifyRecord; changed: string[] }
  | { kind: 'current'; record: VerifyRecord }

export const recordPath = (labId: string, paths: ProjectPaths) => join(paths.suiteDir(labId), RECORD_FILE)

const isNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v)

function parseRecord(text: string, labId: string): VerifyRecord {
  const value = JSON.parse(text) as Partial<VerifyRecord>
  const fields = [
    value.lab === labId || `"lab" is not "${labId}"`,
    typeof value.fingerprint === 'string' || '"fingerprint" is missing',
    (typeof value.files === 'object' && value.files !== null) || '"files" is missing',
    Number.isInteger(value.repeat) || '"repeat" is not a whole number',
    Array.isArray(value.cases) || '"cases" is not a list',
    (value.cases ?? []).every(
      (c) =>
        typeof c?.id === 'string' &&
        typeof c.kind === 'string' &&
        Array.isArray(c.failed) &&
        isNumber(c.score) &&
        isNumber(c.maxScore),
    ) || 'a case lacks its id, kind, failed checks or score',
  ].filter((f): f is string => typeof f === 'string')
  if (fields.length > 0) throw new TypeError(fields.join('; '))
  return value as VerifyRecord
}

export async function recordState(labId: string, paths: ProjectPaths): Promise<RecordState> {
  let text: string
  try {
    text = await readFile(recordPath(labId, paths), 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' }
    return { kind: 'unreadable', reason: (error as Error).message }
  }
  let record: VerifyRecord
  try {
    record = parseRecord(text, labId)
  } catch (error) {
    return { kind: 'unreadable', reason: (error as Error).message }
  }
  const now = await labFingerprint(labId, paths)
  return now.hash === record.fingerprint
    ? { kind: 'current', record }
    : { kind: 'stale', record, changed: changedFiles(record.files, now.files) }
}

/**
 * Writes the record of a verification that proved every case. `startedWith` is the lab's fingerprint
 * from before its suite was loaded: a lab edited while it was being verified (slow labs take many
 * minutes) is not recorded, and the files that changed are returned instead.
 */
export async function writeRecord(
  report: VerifyLabReport,
  repeat: number,
  paths: ProjectPaths,
  startedWith: LabFingerprint,
  now = new Date(),
): Promise<{ record: VerifyRecord } | { changedMeanwhile: string[] }> {
  if (!report.ok) throw new TypeError(`${report.id} did not verify: nothing to record`)
  const fingerprint = await labFingerprint(report.id, paths)
  if (fingerprint.hash !== startedWith.hash)
    return { changedMeanwhile: changedFiles(startedWith.files, fingerprint.files) }
  const record: VerifyRecord = {
    lab: report.id,
    fingerprint: fingerprint.hash,
    files: fingerprint.files,
    repeat,
    recordedAt: now.toISOString(),
    cases: report.cases.map(({ kind, id, score, maxScore, failed, skipped }) => ({
      kind,
      id,
      score,
      maxScore,
      failed,
      ...(skipped ? { skipped } : {}),
    })),
  }
  await writeFile(recordPath(report.id, paths), `${JSON.stringify(record, null, 2)}\n`)
  return { record }
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  [...a].sort().join('\0') === [...b].sort().join('\0')

/**
 * Whether a record says what a full verification of the suite as it is would prove: the same cases,
 * the solution and alternatives with full marks, the starter below, each fixture failing exactly
 * what it declares, every case graded at least {@link MIN_RECORD_REPEAT} times. A record that does not
 * (edited by hand, or from an older suite) is not trusted.
 */
export function recordDisagreements(record: VerifyRecord, suite: Suite<never>): string[] {
  const problems: string[] = []
  if (record.repeat < MIN_RECORD_REPEAT)
    problems.push(`each case was graded ${record.repeat}×, fewer than ${MIN_RECORD_REPEAT}`)
  const expected = [
    'solution:solution',
    ...(suite.alternatives ?? []).map((a) => `alternative:${a.id}`),
    'starter:starter',
    ...suite.fixtures.map((f) => `fixture:${f.id}`),
  ]
  const recorded = record.cases.map((c) => `${c.kind}:${c.id}`)
  if (!sameList(expected, recorded)) {
    const missing = expected.filter((e) => !recorded.includes(e))
    const extra = recorded.filter((r) => !expected.includes(r))
    problems.push(
      `its cases are not the suite's (${[...missing.map((m) => `missing ${m}`), ...extra.map((e) => `not in the suite: ${e}`)].join(', ') || 'repeated'})`,
    )
  }
  for (const c of record.cases) {
    if (
      (c.kind === 'solution' || c.kind === 'alternative') &&
      (c.failed.length > 0 || c.score !== c.maxScore)
    )
      problems.push(`${c.kind} ${c.id} is recorded without full marks`)
    if (c.kind === 'starter' && c.score >= c.maxScore)
      problems.push('the starter is recorded with full marks')
    const fixture = c.kind === 'fixture' ? suite.fixtures.find((f) => f.id === c.id) : undefined
    // only a fixture meant for some engines may be recorded as skipped (graded by another one)
    if (fixture && c.skipped && !fixture.engines?.length)
      problems.push(`fixture ${c.id} is recorded as skipped, but it is not limited to some engines`)
    else if (fixture && !c.skipped && !sameList(fixture.fails, c.failed))
      problems.push(
        `fixture ${c.id} is recorded failing ${c.failed.join(', ') || 'nothing'}, but declares ${fixture.fails.join(', ')}`,
      )
  }
  return problems
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
        `${c.kind} ${c.id}: ${c.score}/${c.maxScore}, failed ${now}; recorded ${recorded.score}/${recorded.maxScore}, failed ${then} (${record.recordedAt}): its verdict changed with the grader since the record`,
      )
  }
  return problems
}
