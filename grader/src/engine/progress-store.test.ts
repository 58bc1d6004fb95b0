import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { LabResult } from '@backend-labs/lab-kit'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { ProgressStore } from './progress-store.ts'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'labs-progress-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

const result = (status: LabResult['status'], score: number): LabResult => ({
  id: 'git/first-commits',
  title: 'First commits',
  status,
  score,
  maxScore: 5,
  checks: [],
  durationMs: 10,
})

it('keeps the last grade per lab and appends every attempt to the history; an error is neither', async () => {
  const store = new ProgressStore(dir)
  await store.record(result('failed', 2))
  await store.record(result('error', 0))
  await store.record(result('passed', 5))
  expect((await store.read())['git/first-commits']).toMatchObject({ status: 'passed', score: 5 })
  const history = await store.history.read()
  expect(history.attempts.map((a) => [a.status, a.score])).toEqual([
    ['failed', 2],
    ['passed', 5],
  ])
})
