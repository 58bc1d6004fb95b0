import { describe, expect, it } from 'vitest'
import { sampleSummary } from '../batch/test-support/sample-summary.ts'
import { buildClassModel } from './class-model.ts'

describe('buildClassModel', () => {
  it('scores per lab, failure rates per check, stuck learners and ungraded rows', () => {
    const model = buildClassModel(sampleSummary())
    expect(model.labs.map((l) => [l.id, l.scores.map((s) => `${s.learner}:${s.score}`), l.passed])).toEqual([
      ['git/first-commits', ['ada:5', 'bob:2', 'dee@example.org:0'], 1],
      ['git/merge-conflict', ['ada:4', 'dee@example.org:4'], 2],
    ])
    expect(model.heatmap.filter((c) => c.lab === 'git/first-commits')).toEqual([
      { lab: 'git/first-commits', check: 'a', failed: 1, graded: 3, rate: 1 / 3 },
      { lab: 'git/first-commits', check: 'b', failed: 2, graded: 3, rate: 2 / 3 },
    ])
    expect(model.stuck).toEqual([
      { learner: 'bob', lab: 'git/first-commits', score: 2, maxScore: 5, failing: ['b'] },
      { learner: 'dee@example.org', lab: 'git/first-commits', score: 0, maxScore: 5, failing: ['a', 'b'] },
    ])
    expect(model.ungraded).toEqual([
      { learner: 'cy', error: 'grading took longer than the limit of 60 s and was stopped' },
    ])
    expect(model.changes).toBeUndefined()
  })

  it('lists regrade differences against a previous batch', () => {
    const previous = sampleSummary()
    const current = sampleSummary()
    const bob = current.learners.find((l) => l.learner === 'bob')!
    const fc = bob.results[0]!
    fc.checks[1] = { ...fc.checks[1]!, status: 'passed', points: 3 }
    Object.assign(fc, { score: 5, status: 'passed' })
    expect(buildClassModel(current, previous).changes).toEqual([
      {
        learner: 'bob',
        lab: 'git/first-commits',
        before: '2/5 (failed)',
        after: '5/5 (passed)',
        checks: ['b: failed 0/3 → passed 3/3'],
      },
    ])
  })
})
