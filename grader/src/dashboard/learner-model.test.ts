import { describe, expect, it } from 'vitest'
import { parseHistory } from '../history/attempt-history.ts'
import { type AttemptRecord, HISTORY_VERSION } from '../history/attempt-record.ts'
import { buildLearnerModel, type CatalogLab } from './learner-model.ts'

const lab = (
  id: string,
  prerequisites: string[] = [],
  status: CatalogLab['status'] = 'not started',
): CatalogLab => ({
  id,
  track: id.split('/')[0]!,
  title: id,
  prerequisites,
  status,
})
const attempt = (labId: string, hour: number, score: number, failed: string[]): AttemptRecord => ({
  v: HISTORY_VERSION,
  kind: 'attempt',
  at: new Date(Date.UTC(2026, 0, 1, hour)).toISOString(),
  lab: labId,
  score,
  max: 5,
  status: score === 5 ? 'passed' : 'failed',
  failed,
  durationMs: 1,
})
const history = (records: object[]) => parseHistory(records.map((r) => JSON.stringify(r)).join('\n'))

describe('buildLearnerModel', () => {
  const catalog = [
    lab('git/a', [], 'in progress'),
    lab('git/b', ['git/a']),
    lab('git/c', ['git/b']),
    lab('sql/x'),
  ]

  it('numbers attempts, counts failed checks and times the first pass', () => {
    const model = buildLearnerModel(
      catalog,
      history([
        attempt('git/a', 1, 1, ['m', 'n']),
        attempt('git/a', 3, 3, ['m']),
        attempt('git/a', 4, 5, []),
      ]),
    )
    const a = model.labs[0]!
    expect(a.status).toBe('passed')
    expect(a.attempts.map((p) => [p.n, p.score])).toEqual([
      [1, 1],
      [2, 3],
      [3, 5],
    ])
    expect(a.failedChecks).toEqual([
      { check: 'm', count: 2 },
      { check: 'n', count: 1 },
    ])
    expect(a.timeToPassMs).toBe(3 * 3600_000)
    expect(model.failedMost[0]).toEqual({ lab: 'git/a', check: 'm', count: 2 })
    expect(model.next).toMatchObject({ id: 'git/b' })
    expect(model.next?.why).toMatch(/prerequisites \(git\/a\)/)
  })

  it('suggests a lab without prerequisites first, and finishing one in progress when none is ready', () => {
    expect(buildLearnerModel(catalog, history([])).next?.id).toBe('sql/x')
    const blocked = [lab('git/a', [], 'in progress'), lab('git/b', ['git/a'])]
    expect(buildLearnerModel(blocked, history([attempt('git/a', 1, 1, ['m'])])).next).toMatchObject({
      id: 'git/a',
      why: expect.stringMatching(/^finish it/),
    })
  })

  it('prefers a lab that follows the one attempted last over an earlier lab with no prerequisites', () => {
    const order = [lab('git/a', [], 'passed'), lab('git/free'), lab('git/b', ['git/a'])]
    expect(buildLearnerModel(order, history([attempt('git/a', 1, 5, [])])).next?.id).toBe('git/b')
  })

  it('continues numbering after attempts folded into a summary, and passes on notices', () => {
    const summary = {
      v: 1,
      kind: 'summary',
      lab: 'git/a',
      attempts: 4,
      passes: 0,
      firstAt: '2025-12-31T00:00:00.000Z',
      lastAt: '2025-12-31T05:00:00.000Z',
      bestScore: 2,
      max: 5,
      failedCounts: { m: 4 },
    }
    const state = parseHistory(
      `${JSON.stringify(summary)}\nbroken\n${JSON.stringify(attempt('git/a', 1, 5, []))}\n`,
    )
    const model = buildLearnerModel(catalog, state)
    const a = model.labs[0]!
    expect(a.attempts.map((p) => p.n)).toEqual([5])
    expect(a.totalAttempts).toBe(5)
    expect(a.firstAttemptAt).toBe('2025-12-31T00:00:00.000Z')
    expect(a.failedChecks).toEqual([{ check: 'm', count: 4 }])
    expect(model.notices).toHaveLength(1)
  })
})
