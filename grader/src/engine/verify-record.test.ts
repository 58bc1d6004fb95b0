import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LabCatalog } from './lab-catalog.ts'
import { labFingerprint, RECORD_FILE } from './lab-fingerprint.ts'
import { ProjectPaths } from './project-paths.ts'
import { verifyAgainstRecord } from './verify-against-record.ts'
import type { VerifyLabReport } from './verify-lab.ts'
import { differencesFromRecord, recordState, type VerifyRecord, writeRecord } from './verify-record.ts'

const repo = new ProjectPaths({})
let scratch: string
let paths: ProjectPaths

beforeAll(async () => {
  // a copy of the hidden suites as deep in the repository as the real ones (their imports of labs'
  // helpers are relative): records and edits go there, never into the repository's own suites
  scratch = await mkdtemp(join(repo.root, 'grader', '.verify-record-'))
  await cp(repo.suitesDir, scratch, { recursive: true })
  paths = new ProjectPaths({ LABS_SUITES_DIR: scratch })
})
afterAll(() => rm(scratch, { recursive: true, force: true }))

describe('labFingerprint', () => {
  it("covers the lab's folder, its suite and the code they import, not the record", async () => {
    const { files } = await labFingerprint('production/rate-limit', paths)
    expect(files).toContain('labs/production/rate-limit/checks.ts')
    expect(files).toContain('<suites>/production/rate-limit/suite.ts')
    expect(files).toContain('<suites>/production/rate-limit/solution/src/server.ts')
    // helpers of other labs that its checks and fixtures import
    expect(files).toContain('labs/docker/containerise-api/base-image.ts')
    expect(files).toContain('<suites>/docker/rest-contract/fixture-patch.ts')
    // a kit it imports, as a whole package (its tests left out)
    expect(files).toContain('packages/http-kit/package.json')
    expect(files.some((f) => f.startsWith('packages/http-kit/src/'))).toBe(true)
    expect(files.some((f) => f.endsWith('.test.ts'))).toBe(false)
    expect(files.some((f) => f.includes('node_modules') || f.endsWith(RECORD_FILE))).toBe(false)
    expect(files.some((f) => f.startsWith('labs/production/many-users/'))).toBe(false)
  })

  it('changes when a file of the suite changes, and only then', async () => {
    const suite = join(paths.suiteDir('production/rate-limit'), 'suite.ts')
    const before = await labFingerprint('production/rate-limit', paths)
    await writeFile(join(paths.suiteDir('production/rate-limit'), RECORD_FILE), '{}')
    expect((await labFingerprint('production/rate-limit', paths)).hash).toBe(before.hash)
    const text = await readFile(suite, 'utf8')
    await writeFile(suite, `${text}// edited\n`)
    try {
      expect((await labFingerprint('production/rate-limit', paths)).hash).not.toBe(before.hash)
    } finally {
      await writeFile(suite, text)
      await rm(join(paths.suiteDir('production/rate-limit'), RECORD_FILE))
    }
    expect((await labFingerprint('production/rate-limit', paths)).hash).toBe(before.hash)
  })
})

describe('differencesFromRecord', () => {
  const record: VerifyRecord = {
    lab: 'x/y',
    fingerprint: 'f',
    repeat: 5,
    recordedAt: '2026-12-03T17:00:00.000Z',
    cases: [
      { kind: 'solution', id: 'solution', score: 4, maxScore: 4, failed: [] },
      { kind: 'starter', id: 'starter', score: 1, maxScore: 4, failed: ['b', 'a'] },
    ],
  }
  const report = (starterFailed: string[], score = 1): VerifyLabReport => ({
    id: 'x/y',
    ok: true,
    problems: [],
    durationMs: 0,
    cases: [
      {
        kind: 'starter',
        id: 'starter',
        ok: true,
        expectation: '',
        problems: [],
        score,
        maxScore: 4,
        failed: starterFailed,
        durationMs: 0,
      },
    ],
  })

  it('accepts the recorded verdicts in any order, and names a changed one', () => {
    expect(differencesFromRecord(report(['a', 'b']), record)).toEqual([])
    expect(differencesFromRecord(report(['a']), record)).toEqual([
      "starter starter: 1/4, failed a; recorded 1/4, failed a, b (2026-12-03T17:00:00.000Z): the grader changed what this lab's verdicts are",
    ])
    expect(differencesFromRecord(report(['a', 'b'], 2), record)).toHaveLength(1)
  })
})

describe('verifyAgainstRecord (git/first-commits, real git)', () => {
  it('verifies in full without a record, then grades solution and starter against it; stale once the lab changes', async () => {
    const lab = await new LabCatalog(paths).load('git/first-commits')
    expect(await recordState(lab.id, paths)).toEqual({ kind: 'none' })
    const full = await verifyAgainstRecord(lab, paths)
    expect(full).toMatchObject({ mode: 'full', reason: 'no record' })
    expect(full.report.ok).toBe(true)
    expect(full.report.cases.some((c) => c.kind === 'fixture')).toBe(true)
    const record = await writeRecord(full.report, 1, paths, new Date('2026-12-03T17:00:00Z'))

    const recorded = await verifyAgainstRecord(lab, paths)
    expect(recorded.mode).toBe('recorded')
    expect(recorded.report.ok).toBe(true)
    expect(recorded.report.cases.map((c) => c.kind).sort()).toEqual(['solution', 'starter'])
    expect(recorded.fixtures).toBe(full.fixtures)

    // a record whose starter verdict is not what the grader gives now
    const file = join(paths.suiteDir(lab.id), RECORD_FILE)
    const forged = {
      ...record,
      cases: record.cases.map((c) => (c.kind === 'starter' ? { ...c, failed: [] } : c)),
    }
    await writeFile(file, JSON.stringify(forged))
    const differs = await verifyAgainstRecord(lab, paths)
    expect(differs.report.ok).toBe(false)
    expect(differs.report.problems.join('\n')).toMatch(/starter starter: .* recorded .*failed none/)

    await writeFile(file, '{ not json')
    expect(await recordState(lab.id, paths)).toMatchObject({ kind: 'unreadable' })

    await writeFile(file, JSON.stringify(record))
    await writeFile(
      join(paths.suiteDir(lab.id), 'suite.ts'),
      `${await readFile(join(paths.suiteDir(lab.id), 'suite.ts'), 'utf8')}// edited\n`,
    )
    expect(await recordState(lab.id, paths)).toMatchObject({ kind: 'stale' })
  })
})
