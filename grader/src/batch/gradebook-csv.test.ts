import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseCsv } from './csv.ts'
import { gradebookCsv } from './gradebook-csv.ts'
import { sampleSummary } from './test-support/sample-summary.ts'

describe('gradebookCsv', () => {
  it('matches the golden file: a row per learner, a column per lab, total, status, notes', async () => {
    const golden = await readFile(join(import.meta.dirname, 'golden', 'gradebook.csv'), 'utf8')
    expect(gradebookCsv(sampleSummary())).toBe(golden)
  })

  it('reads back to the same cells (quoting survives commas and quotes)', () => {
    const rows = parseCsv(gradebookCsv(sampleSummary())).map((r) => r.fields)
    expect(rows[2]).toEqual([
      'bob',
      '2',
      '0',
      '2',
      'graded',
      'git/merge-conflict: bob-repo is a file but not a git bundle, "really"',
    ])
  })

  it('does not depend on timings: other durations give the same bytes', () => {
    const slow = sampleSummary()
    for (const l of slow.learners) for (const r of l.results) r.durationMs *= 7
    slow.generatedAt = '2030-01-01T00:00:00.000Z'
    expect(gradebookCsv(slow)).toBe(gradebookCsv(sampleSummary()))
  })
})
