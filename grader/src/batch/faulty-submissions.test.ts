import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BatchReport } from './run-batch.ts'
import { runBatch } from './run-batch.ts'
import { writeFaultyCourse } from './test-support/faulty-lab.ts'

// Each case is a real worker process: a crash kills it, a hang is a synchronous loop only a kill
// stops, a flood writes 40 MB. The limit is generous so a slow machine never trips it by accident.
const LIMIT_MS = 20_000

describe('a submission that crashes, hangs or floods costs only its own slot', () => {
  let dir = ''
  let report: BatchReport
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'labs-batch-faulty-'))
    const modes = { a: 'pass', b: 'crash', c: 'hang', d: 'flood', e: 'fail', f: 'pass' }
    const { sources, submissions } = await writeFaultyCourse(dir, modes)
    report = await runBatch({
      submissionsDir: submissions,
      roster: Object.keys(modes).map((learner) => ({ learner, submission: learner })),
      outDir: join(dir, 'out'),
      labs: ['test/faulty'],
      sources,
      concurrency: 2,
      timeoutMs: LIMIT_MS,
    })
  }, 180_000)
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('finishes the batch, and each faulty row says why', () => {
    const rows = report.summary.learners.map((l) => [l.learner, l.status, l.error, l.results[0]?.status])
    expect(rows).toEqual([
      ['a', 'graded', undefined, 'passed'],
      ['b', 'error', 'the grader crashed while grading this submission (exit code 1)', undefined],
      ['c', 'error', `grading took longer than the limit of ${LIMIT_MS / 1000} s and was stopped`, undefined],
      ['d', 'graded', undefined, 'failed'],
      ['e', 'graded', undefined, 'failed'],
      ['f', 'graded', undefined, 'passed'],
    ])
  })

  it('keeps a flood out of the results: the failure message is cut, the output dropped', async () => {
    const flood = report.summary.learners.find((l) => l.learner === 'd')!
    const message = flood.results[0]!.checks[0]!.message!
    expect(message.length).toBeLessThan(2100)
    expect(message.endsWith('… (truncated)')).toBe(true)
    const csv = await readFile(join(dir, 'out', 'gradebook.csv'), 'utf8')
    expect(csv.length).toBeLessThan(1000)
  })

  it('writes the gradebook rows with the reason', async () => {
    const csv = await readFile(join(dir, 'out', 'gradebook.csv'), 'utf8')
    expect(csv).toBe(
      [
        'learner,test/faulty,total,status,notes',
        'a,1,1,graded,',
        'b,,,error,the grader crashed while grading this submission (exit code 1)',
        `c,,,error,grading took longer than the limit of ${LIMIT_MS / 1000} s and was stopped`,
        'd,0,0,graded,',
        'e,0,0,graded,',
        'f,1,1,graded,',
        '',
      ].join('\n'),
    )
  })

  it("keeps the crashed worker's stderr for the instructor, capped", async () => {
    const log = await readFile(join(dir, 'out', 'logs', 'b.stderr.txt'), 'utf8')
    expect(log).toContain('grader bug')
    expect(log.length).toBeLessThanOrEqual(8 * 1024)
  })
})
