import { execFileSync } from 'node:child_process'
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { Suite } from '@backend-labs/lab-kit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LabCatalog } from './lab-catalog.ts'
import { labFingerprint, RECORD_FILE } from './lab-fingerprint.ts'
import { ProjectPaths } from './project-paths.ts'
import { verifyAgainstRecord } from './verify-against-record.ts'
import type { VerifyLabReport } from './verify-lab.ts'
import {
  differencesFromRecord,
  recordDisagreements,
  recordState,
  type VerifyRecord,
  writeRecord,
} from './verify-record.ts'

const repo = new ProjectPaths({})
let scratch: string
let paths: ProjectPaths
const scratchDirs: string[] = []

beforeAll(async () => {
  // a copy of the hidden suites as deep in the repository as the real ones (their imports of labs'
  // helpers are relative): records and edits go there, never into the repository's own suites
  scratch = await mkdtemp(join(repo.root, 'grader', '.verify-record-'))
  await cp(repo.suitesDir, scratch, { recursive: true })
  paths = new ProjectPaths({ LABS_SUITES_DIR: scratch })
})
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true })
  for (const dir of scratchDirs) await rm(dir, { recursive: true, force: true })
})

/** A small course of its own, in a git repository: `files` by path, then committed. */
async function course(files: Record<string, string>): Promise<ProjectPaths> {
  const root = await mkdtemp(join(tmpdir(), 'fingerprint-'))
  scratchDirs.push(root)
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true })
    await writeFile(join(root, path), text)
  }
  const git = (...args: string[]) => execFileSync('git', ['-C', root, ...args], { stdio: 'ignore' })
  git('init', '-q')
  git('add', '.')
  git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'course')
  return new ProjectPaths({}, root)
}

describe('labFingerprint', () => {
  it("covers the lab's folder, its suite and the code they import, not the record", async () => {
    const files = Object.keys((await labFingerprint('production/rate-limit', paths)).files)
    expect(files).toContain('labs/production/rate-limit/checks.ts')
    expect(files).toContain('<suites>/production/rate-limit/suite.ts')
    expect(files).toContain('<suites>/production/rate-limit/solution/src/server.ts')
    // helpers of other labs that its checks and fixtures import
    expect(files).toContain('labs/docker/containerise-api/base-image.ts')
    expect(files).toContain('<suites>/docker/rest-contract/fixture-patch.ts')
    // a kit it imports, as a whole package (its tests left out), and the dependency lockfile
    expect(files).toContain('packages/http-kit/package.json')
    expect(files.some((f) => f.startsWith('packages/http-kit/src/'))).toBe(true)
    expect(files).toContain('pnpm-lock.yaml')
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

  it('counts what git tracks or would track, nested learner-like names, file URLs and symlinks', async () => {
    const c = await course({
      'pnpm-workspace.yaml': '',
      '.gitignore': '*.log\nlabs/*/*/workspace/\n',
      'labs/t/a/checks.ts': "import { files } from '../b/helper.ts'\nexport default files\n",
      'labs/t/a/fixtures/one/workspace/app.js': 'nested, part of a fixture\n',
      'labs/t/b/helper.ts': "export const files = new URL('./starter/', import.meta.url)\n",
      'labs/t/b/starter/index.js': 'the starter another lab reads\n',
      'grader/suites/t/a/suite.ts': "import './missing.ts'\n",
    })
    await mkdir(join(c.root, 'labs/t/a/workspace'), { recursive: true })
    await writeFile(join(c.root, 'labs/t/a/workspace/mine.js'), "a learner's work\n")
    await writeFile(join(c.root, 'labs/t/a/notes.log'), 'ignored\n')
    await writeFile(join(c.root, 'labs/t/a/new-fixture.ts'), 'not committed yet, not ignored\n')
    await symlink('fixtures/one', join(c.root, 'labs/t/a/link'))
    const first = await labFingerprint('t/a', c)
    expect(Object.keys(first.files).sort()).toEqual([
      '<suites>/t/a/missing.ts',
      '<suites>/t/a/suite.ts',
      'labs/t/a/checks.ts',
      'labs/t/a/fixtures/one/workspace/app.js',
      'labs/t/a/link',
      'labs/t/a/new-fixture.ts',
      'labs/t/b/helper.ts',
      'labs/t/b/starter/index.js',
      'pnpm-lock.yaml',
    ])
    // this course has no lockfile, and its suite imports a file it lacks: both hashed as missing
    await writeFile(join(c.root, 'labs/t/a/notes.log'), 'still ignored\n')
    await writeFile(join(c.root, 'labs/t/a/workspace/mine.js'), 'more work\n')
    expect((await labFingerprint('t/a', c)).hash).toBe(first.hash)
    await rm(join(c.root, 'labs/t/a/link'))
    await symlink('fixtures', join(c.root, 'labs/t/a/link'))
    expect((await labFingerprint('t/a', c)).hash).not.toBe(first.hash)
  })
})

const record = (extra: Partial<VerifyRecord> = {}): VerifyRecord => ({
  lab: 'x/y',
  fingerprint: 'f',
  files: {},
  repeat: 5,
  recordedAt: '2026-12-03T17:00:00.000Z',
  cases: [
    { kind: 'solution', id: 'solution', score: 4, maxScore: 4, failed: [] },
    { kind: 'starter', id: 'starter', score: 1, maxScore: 4, failed: ['b', 'a'] },
    { kind: 'fixture', id: 'no-a', score: 3, maxScore: 4, failed: ['a'] },
  ],
  ...extra,
})

describe('recordDisagreements', () => {
  const suite = {
    solution: {},
    fixtures: [{ id: 'no-a', title: '', fails: ['a'] }],
  } as unknown as Suite<never>

  it('trusts a record that says what verifying the suite proves', () => {
    expect(recordDisagreements(record(), suite)).toEqual([])
  })

  it('names every way a record edited by hand (or from an older suite) disagrees', () => {
    const cases = record().cases
    expect(recordDisagreements(record({ repeat: 1 }), suite)).toEqual([
      'each case was graded 1×, fewer than 5',
    ])
    expect(recordDisagreements(record({ cases: cases.slice(0, 2) }), suite)).toEqual([
      "its cases are not the suite's (missing fixture:no-a)",
    ])
    expect(
      recordDisagreements(record({ cases: [...cases.slice(0, 2), { ...cases[2]!, failed: [] }] }), suite),
    ).toEqual(['fixture no-a is recorded failing nothing, but declares a'])
    expect(
      recordDisagreements(
        record({ cases: [{ ...cases[0]!, score: 3, failed: ['a'] }, ...cases.slice(1)] }),
        suite,
      ),
    ).toEqual(['solution solution is recorded without full marks'])
    expect(
      recordDisagreements(
        record({ cases: [...cases.slice(0, 2), { ...cases[2]!, failed: [], skipped: 'x' }] }),
        suite,
      ),
    ).toEqual(['fixture no-a is recorded as skipped, but it is not limited to some engines'])
  })
})

describe('differencesFromRecord', () => {
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
    expect(differencesFromRecord(report(['a', 'b']), record())).toEqual([])
    expect(differencesFromRecord(report(['a']), record())).toEqual([
      'starter starter: 1/4, failed a; recorded 1/4, failed a, b (2026-12-03T17:00:00.000Z): its verdict changed with the grader since the record',
    ])
    expect(differencesFromRecord(report(['a', 'b'], 2), record())).toHaveLength(1)
  })
})

describe('verifyAgainstRecord (git/first-commits, real git)', () => {
  it('verifies in full without a record, then grades solution, alternatives and starter against it', async () => {
    const lab = await new LabCatalog(paths).load('git/first-commits')
    const file = join(paths.suiteDir(lab.id), RECORD_FILE)
    const suiteFile = join(paths.suiteDir(lab.id), 'suite.ts')
    expect(await recordState(lab.id, paths)).toEqual({ kind: 'none' })
    const startedWith = await labFingerprint(lab.id, paths)
    const full = await verifyAgainstRecord(lab, paths)
    expect(full).toMatchObject({ mode: 'full', reason: 'no record' })
    expect(full.report.ok).toBe(true)
    expect(full.fixtures).toBeGreaterThanOrEqual(3)
    const written = await writeRecord(full.report, 5, paths, startedWith, new Date('2026-12-03T17:00:00Z'))
    if (!('record' in written)) throw new Error('not recorded')

    const recorded = await verifyAgainstRecord(lab, paths)
    expect(recorded.mode).toBe('recorded')
    expect(recorded.report.ok).toBe(true)
    expect(recorded.report.cases.map((c) => c.kind)).toEqual(
      full.report.cases.filter((c) => c.kind !== 'fixture').map((c) => c.kind),
    )
    expect(recorded.fixtures).toBe(full.fixtures)

    // a record whose starter verdict is not what the grader gives now
    const forged = {
      ...written.record,
      cases: written.record.cases.map((c) =>
        c.kind === 'starter' ? { ...c, failed: ['meaningful-messages'] } : c,
      ),
    }
    await writeFile(file, JSON.stringify(forged))
    const differs = await verifyAgainstRecord(lab, paths)
    expect(differs.report.ok).toBe(false)
    expect(differs.report.problems.join('\n')).toMatch(
      /starter starter: .* recorded .*failed meaningful-messages/,
    )

    // a record that drops a fixture is not trusted: the lab is verified in full
    const fixtureLess = { ...written.record, cases: written.record.cases.filter((c) => c.kind !== 'fixture') }
    await writeFile(file, JSON.stringify(fixtureLess))
    const untrusted = await verifyAgainstRecord(lab, paths)
    expect(untrusted.mode).toBe('full')
    expect(untrusted.reason).toMatch(
      /^its record does not agree with the suite: its cases are not the suite's \(missing fixture:/,
    )

    await writeFile(file, '{ not json')
    expect(await recordState(lab.id, paths)).toMatchObject({ kind: 'unreadable' })
    await rm(file)
    await mkdir(file)
    expect(await recordState(lab.id, paths)).toMatchObject({
      kind: 'unreadable',
      reason: expect.stringMatching(/EISDIR/),
    })
    await rm(file, { recursive: true })

    // edited after the record: stale, naming the file; edited during a verification: not recorded
    await writeFile(file, JSON.stringify(written.record))
    const text = await readFile(suiteFile, 'utf8')
    await writeFile(suiteFile, `${text}// edited\n`)
    expect(await recordState(lab.id, paths)).toMatchObject({
      kind: 'stale',
      changed: ['<suites>/git/first-commits/suite.ts'],
    })
    expect(await writeRecord(full.report, 5, paths, startedWith)).toEqual({
      changedMeanwhile: ['<suites>/git/first-commits/suite.ts'],
    })
    await writeFile(suiteFile, text)
  })
})
