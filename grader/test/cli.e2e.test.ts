import { existsSync } from 'node:fs'
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ScenarioBuilder } from '@backend-labs/git-kit'
import { RESULTS_SCHEMA_VERSION } from '@backend-labs/lab-kit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CliSandbox, repoRoot, treeDigest } from './cli-harness.ts'

const LAB = 'git/first-commits'
let sb: CliSandbox

beforeAll(async () => {
  sb = await CliSandbox.create()
})
afterAll(() => sb.dispose())

describe('labs CLI (subprocess)', () => {
  it('lists every lab as JSON with the contract fields', async () => {
    const r = await sb.run(['list', '--json'])
    expect(r.code).toBe(0)
    const labs = JSON.parse(r.stdout) as Record<string, unknown>[]
    expect(labs.length).toBeGreaterThanOrEqual(6)
    for (const l of labs)
      expect(Object.keys(l)).toEqual(expect.arrayContaining(['id', 'track', 'title', 'difficulty', 'status']))
    expect(labs.find((l) => l.id === LAB)?.status).toBe('not started')
  })

  it('starts a lab, and never overwrites work on a second start', async () => {
    const first = await sb.run(['start', LAB])
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(/Started git\/first-commits/)
    const before = await treeDigest(sb.workspace(LAB))
    const second = await sb.run(['start', LAB])
    expect(second.stdout).toMatch(/already started; your work is untouched/)
    expect(await treeDigest(sb.workspace(LAB))).toBe(before)
  })

  it('grades the starter: exit 1, actionable messages, JSON and JUnit files, workspace unchanged', async () => {
    const before = await treeDigest(sb.workspace(LAB))
    const json = join(sb.dir, 'r.json')
    const junit = join(sb.dir, 'r.xml')
    const r = await sb.run(['grade', LAB, '--json', json, '--junit', junit])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/✗ .*\n\s+.*expected .*, but found/)
    expect(r.stdout).toMatch(/hint: /)
    expect(r.stdout).toMatch(/Score: \d+\/\d+ \(\d+%\)/)
    expect(await treeDigest(sb.workspace(LAB))).toBe(before)
    const doc = JSON.parse(await readFile(json, 'utf8'))
    expect(doc.schemaVersion).toBe(RESULTS_SCHEMA_VERSION)
    const lab = doc.labs[0]
    expect(lab).toMatchObject({ id: LAB, status: 'failed' })
    expect(lab.score).toBeLessThan(lab.maxScore)
    for (const c of lab.checks) {
      expect(Object.keys(c)).toEqual(
        expect.arrayContaining(['id', 'title', 'visibility', 'status', 'points', 'maxPoints']),
      )
    }
    const xml = await readFile(junit, 'utf8')
    expect(xml.match(/<testcase /g)?.length).toBe(lab.checks.length)
    expect(xml).toMatch(/<failure message=/)
  })

  it('a static pass of a SQL lab is passed-static (exit 0); --require-live makes it exit 3', async () => {
    const solution = join(repoRoot, 'grader/suites/sqlserver/integrity-rules/solution')
    const json = join(sb.dir, 'static.json')
    const args = ['grade', 'sqlserver/integrity-rules', '--submission', solution, '--engine', 'static']
    const plain = await sb.run([...args, '--json', json])
    expect(plain.code).toBe(0)
    expect(plain.stdout).toContain('passed as far as the static engine can tell; 5 checks need SQL Server')
    const lab = JSON.parse(await readFile(json, 'utf8')).labs[0]
    expect(lab).toMatchObject({
      status: 'passed-static',
      engine: 'static',
      unverified: { needs: 'SQL Server' },
    })
    const strict = await sb.run([...args, '--require-live'])
    expect(strict.code).toBe(3)
    expect(strict.stderr).toContain(
      '--require-live: sqlserver/integrity-rules was graded with the static engine',
    )
  })

  it('a SQL check reports every problem it finds at once, not the first only', async () => {
    const submission = join(sb.dir, 'two-problems')
    await mkdir(submission, { recursive: true })
    const solution = join(repoRoot, 'grader/suites/sqlserver/idempotent-migration/solution/migration.sql')
    // two mistakes in one table: a short Email column, and no primary key
    const migration = (await readFile(solution, 'utf8'))
      .replace('nvarchar(320)', 'nvarchar(100)')
      .replace('IDENTITY(1, 1) NOT NULL CONSTRAINT PK_CustomerEmails PRIMARY KEY', 'IDENTITY(1, 1) NOT NULL')
    await writeFile(join(submission, 'migration.sql'), migration)
    const starter = join(repoRoot, 'labs/sqlserver/idempotent-migration/starter')
    for (const f of ['setup.sql', 'seed.sql']) await copyFile(join(starter, f), join(submission, f))
    const json = join(sb.dir, 'two-problems.json')
    const r = await sb.run([
      'grade',
      'sqlserver/idempotent-migration',
      '--submission',
      submission,
      '--engine',
      'static',
      '--json',
      json,
    ])
    expect(r.code, r.stdout + r.stderr).toBe(1)
    const lab = JSON.parse(await readFile(json, 'utf8')).labs[0]
    const table = lab.checks.find((c: { id: string }) => c.id === 'emails-table')
    expect(table.status).toBe('failed')
    expect(table.message).toMatch(/^2 problems:/)
    expect(table.message).toMatch(/Email/)
    expect(table.message).toMatch(/primary key/)
  })

  it('records progress for labs list', async () => {
    const labs = JSON.parse((await sb.run(['list', '--json'])).stdout) as {
      id: string
      status: string
      score?: number
    }[]
    expect(labs.find((l) => l.id === LAB)).toMatchObject({ status: 'in progress', score: expect.any(Number) })
  })

  it('grades the solved workspace with exit 0, submits a bundle, and grades the bundle alone', async () => {
    const suite = (await import('../suites/git/first-commits/suite.ts')).default
    await suite.solution.apply!(sb.workspace(LAB))
    const graded = await sb.run(['grade', LAB])
    expect(graded.code, graded.stdout + graded.stderr).toBe(0)
    expect(graded.stdout).toMatch(/passed/)
    const submitted = await sb.run(['submit', LAB])
    expect(submitted.code, submitted.stderr).toBe(0)
    const bundle = join(sb.workspaces, `${LAB}.bundle`)
    expect(existsSync(bundle)).toBe(true)
    const fromBundle = await sb.run(['grade', LAB, '--submission', bundle])
    expect(fromBundle.code, fromBundle.stdout).toBe(0)
  })

  it('reports a repository in the middle of a merge as bad input (exit 2) with what to do', async () => {
    const ws = sb.workspace(LAB)
    const s = ScenarioBuilder.open(ws)
    await s.checkout('side', { create: true })
    await s.commit('Side change', { files: { 'README.md': 'side\n' } })
    await s.checkout('main')
    await s.commit('Main change', { files: { 'README.md': 'main\n' } })
    await s.run(['merge', 'side'], { allowFailure: true })
    const r = await sb.run(['grade', LAB])
    expect(r.code).toBe(2)
    expect(r.stdout).toMatch(/cannot grade: the repository is in the middle of a merge/)
    expect(r.stdout).toMatch(/git merge --abort/)
  })

  it('resets only with --force, keeping a timestamped backup', async () => {
    const refused = await sb.run(['reset', LAB])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/--force/)
    const before = await treeDigest(sb.workspace(LAB))
    const r = await sb.run(['reset', LAB, '--force'])
    expect(r.code).toBe(0)
    const backups = await readdir(join(sb.state, 'backups', LAB))
    expect(backups).toHaveLength(1)
    expect(backups[0]).toMatch(/^\d{8}T\d{6}Z$/)
    expect(await treeDigest(join(sb.state, 'backups', LAB, backups[0]!))).toBe(before)
    expect(existsSync(join(sb.workspace(LAB), '.git', 'MERGE_HEAD'))).toBe(false)
  })

  it('rejects an unknown lab (exit 2) and suggests the nearest id', async () => {
    const r = await sb.run(['grade', 'git/first-comit'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/unknown lab "git\/first-comit"/)
    expect(r.stderr).toMatch(/did you mean "git\/first-commits"/)
    expect((await sb.run(['grade', LAB, '--no-such-flag'])).code).toBe(2)
    expect((await sb.run(['grade'])).code).toBe(2)
  })

  it('reports a missing workspace as bad input', async () => {
    const r = await sb.run(['grade', 'git/merge-conflict'])
    expect(r.code).toBe(2)
    expect(r.stdout).toMatch(/there is no workspace at .*\n.*labs start/)
  })

  it('verifies a lab and prints a JSON report', async () => {
    const r = await sb.run(['verify', LAB, '--json'])
    expect(r.code, r.stdout).toBe(0)
    const report = JSON.parse(r.stdout)
    expect(report.labs[0]).toMatchObject({ id: LAB, ok: true })
    expect(report.labs[0].cases.map((c: { kind: string }) => c.kind)).toEqual(
      expect.arrayContaining(['solution', 'starter', 'fixture']),
    )
  })

  it('refuses a record that would not be of every case graded with the default engine', async () => {
    for (const extra of [['--engine', 'live'], ['--against-records']]) {
      const r = await sb.run(['verify', LAB, '--record', ...extra])
      expect(r.code, r.stderr).toBe(2)
      expect(r.stderr).toMatch(
        new RegExp(`--record cannot go with ${extra[0]}[^]*labs verify --all --against-records`),
      )
    }
    const once = await sb.run(['verify', LAB, '--record'])
    expect(once.code, once.stderr).toBe(2)
    expect(once.stderr).toMatch(
      /--record needs every case graded at least 5 times with the same verdict, not 1/,
    )
  })

  it('doctor reports node and git', async () => {
    const r = await sb.run(['doctor'])
    expect(r.stdout).toMatch(/ok\s+node\s+v\d+/)
    expect(r.stdout).toMatch(/ok\s+git\s+\d/)
  })
})
