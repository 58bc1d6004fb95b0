import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type { ResultsDocument } from '@backend-labs/lab-kit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BatchSummary } from '../src/batch/batch-summary.ts'
import { type SampleLearner, samplePlan, writeSampleBatch } from '../src/batch/test-support/sample-batch.ts'
import { CliSandbox, repoRoot } from './cli-harness.ts'

// `labs grade-batch` end to end on real git submissions of git/first-commits (bundles, clones and
// course-repository clones; correct, alternative, partial, starter, broken and missing ones).
const LAB = 'git/first-commits'
const plan: SampleLearner[] = samplePlan(8, { missing: true })
let sandbox: CliSandbox
let subs = ''
let roster = ''
const out = (name: string) => join(sandbox.dir, name)
const batch = (name: string, ...extra: string[]) =>
  sandbox.run(['grade-batch', subs, '--roster', roster, '--out', out(name), '--lab', LAB, ...extra])
const read = (name: string, file: string) => readFile(join(out(name), file), 'utf8')
const summary = async (name: string) => JSON.parse(await read(name, 'summary.json')) as BatchSummary
/** The rows without timings, which differ from run to run. */
const timeless = (s: BatchSummary) =>
  JSON.parse(JSON.stringify(s.learners, (k, v) => (k === 'durationMs' ? undefined : v)))

beforeAll(async () => {
  sandbox = await CliSandbox.create()
  ;({ submissions: subs, roster } = await writeSampleBatch(join(sandbox.dir, 'class'), LAB, plan))
}, 120_000)
afterAll(() => sandbox.dispose())

describe('labs grade-batch', () => {
  let full: BatchSummary
  beforeAll(async () => {
    const run = await batch('full', '--concurrency', '2')
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    full = await summary('full')
  }, 300_000)

  it('grades each kind of submission as it deserves, in a summary of the documented shape', () => {
    expect(full.kind).toBe('backend-labs/batch-summary')
    expect(full.version).toBe(1)
    expect(full.labs).toEqual([LAB])
    const verdicts = full.learners.map((l) => {
      const r = l.results[0]!
      return [l.learner, l.status, r.status, r.score === r.maxScore && r.maxScore > 0, r.error?.kind]
    })
    const expected = plan.map(({ learner, kind }) => {
      if (kind === 'correct' || kind === 'alternative') return [learner, 'graded', 'passed', true, undefined]
      if (kind === 'partial' || kind === 'starter') return [learner, 'graded', 'failed', false, undefined]
      return [learner, 'graded', 'error', false, 'bad-input']
    })
    expect(verdicts).toEqual(expected)
    const partial = full.learners.find((l) => l.learner === plan.find((p) => p.kind === 'partial')!.learner)!
    expect(partial.results[0]!.score).toBeGreaterThan(0)
  })

  it('gives the same verdict, check by check, as `labs grade --submission`', async () => {
    const learner = plan.find((p) => p.kind === 'partial' && p.form === 'clone')!.learner
    const file = join(sandbox.dir, 'single.json')
    const run = await sandbox.run(['grade', LAB, '--submission', join(subs, learner), '--json', file])
    expect(run.code).toBe(1)
    const single = (JSON.parse(await readFile(file, 'utf8')) as ResultsDocument).labs[0]!
    const inBatch = full.learners.find((l) => l.learner === learner)!.results[0]!
    const outcome = (r: typeof single) => r.checks.map((c) => [c.id, c.status, c.points, c.message])
    expect(outcome(inBatch)).toEqual(outcome(single))
  }, 120_000)

  it('writes a gradebook row per learner with the reason when a lab could not be graded', async () => {
    const lines = (await read('full', 'gradebook.csv')).trimEnd().split('\n')
    expect(lines[0]).toBe(`learner,${LAB},total,status,notes`)
    expect(lines).toHaveLength(plan.length + 1)
    const broken = plan.find((p) => p.kind === 'broken')!.learner
    const missing = plan.find((p) => p.kind === 'missing')!.learner
    expect(lines.find((l) => l.startsWith(`${broken},`))).toBe(
      `${broken},0,0,graded,${LAB}: ${broken} is a file but not a git bundle`,
    )
    expect(lines.find((l) => l.startsWith(`${missing},`))).toBe(
      `${missing},0,0,graded,${LAB}: nothing submitted for ${LAB}`,
    )
  })

  it('resumed after being killed mid-batch, gives a gradebook identical to an uninterrupted run', async () => {
    const child: ChildProcess = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(repoRoot, 'grader/src/cli/main.ts'),
        'grade-batch',
        subs,
        '--roster',
        roster,
        '--out',
        out('resumed'),
        '--lab',
        LAB,
        '--concurrency',
        '1',
      ],
      { cwd: repoRoot, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } },
    )
    const exited = new Promise((resolve) => child.once('exit', resolve))
    // Killed (no chance to clean up) once half the learners are saved.
    const results = join(out('resumed'), 'results')
    const saved = async () =>
      existsSync(results) ? (await readdir(results)).filter((f) => f.endsWith('.json')) : []
    for (let i = 0; i < 6000 && (await saved()).length < plan.length / 2; i++) await sleep(50)
    child.kill('SIGKILL')
    await exited
    const before = await saved()
    expect(before.length).toBeGreaterThanOrEqual(plan.length / 2)
    expect(before.length).toBeLessThan(plan.length)
    expect(existsSync(join(out('resumed'), 'gradebook.csv'))).toBe(false)
    const kept = await Promise.all(before.map((f) => readFile(join(results, f), 'utf8')))

    const run = await batch('resumed', '--concurrency', '1')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(`, ${before.length} kept from an earlier run:`)
    expect(await Promise.all(before.map((f) => readFile(join(results, f), 'utf8')))).toEqual(kept)
    expect(await read('resumed', 'gradebook.csv')).toBe(await read('full', 'gradebook.csv'))
    expect(timeless(await summary('resumed'))).toEqual(timeless(full))
  }, 600_000)

  it('graded as two shards and merged, gives the same gradebook as the whole batch', async () => {
    const [one, two] = await Promise.all([
      batch('shard-1', '--shard', '1/2', '--concurrency', '1'),
      batch('shard-2', '--shard', '2/2', '--concurrency', '1'),
    ])
    expect([one.code, two.code]).toEqual([0, 0])
    const sizes = [(await summary('shard-1')).learners.length, (await summary('shard-2')).learners.length]
    expect(sizes).toEqual([plan.length / 2, plan.length / 2])
    const merge = await sandbox.run(['merge-results', out('shard-1'), out('shard-2'), '--out', out('merged')])
    expect(merge.stdout).toBe(
      `Merged 2 shard(s): ${plan.length} learner(s) on ${LAB}, 0 not graded.\nWrote ${out('merged')}/gradebook.csv and summary.json.\n`,
    )
    expect(await read('merged', 'gradebook.csv')).toBe(await read('full', 'gradebook.csv'))
    expect(timeless(await summary('merged'))).toEqual(timeless(full))
    const regrade = await sandbox.run([
      'regrade',
      '--compare',
      join(out('full'), 'summary.json'),
      '--current',
      out('merged'),
    ])
    expect(regrade.stdout).toBe('No score changes.\n')
  }, 600_000)
})
