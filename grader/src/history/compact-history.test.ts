import { describe, expect, it } from 'vitest'
import { type AttemptRecord, HISTORY_VERSION } from './attempt-record.ts'
import { compactHistory } from './compact-history.ts'

const a = (
  lab: string,
  minute: number,
  status: AttemptRecord['status'],
  failed: string[],
): AttemptRecord => ({
  v: HISTORY_VERSION,
  kind: 'attempt',
  at: new Date(Date.UTC(2026, 0, 1, 10, minute)).toISOString(),
  lab,
  score: status === 'passed' ? 10 : minute,
  max: 10,
  status,
  failed,
  durationMs: 5,
})

describe('compactHistory', () => {
  it('keeps the newest N per lab and folds the rest into exact counts', () => {
    const attempts = [
      a('x', 1, 'failed', ['c1', 'c2']),
      a('y', 2, 'failed', ['c9']),
      a('x', 3, 'passed', []),
      a('x', 4, 'failed', ['c1']),
      a('x', 5, 'passed', []),
    ]
    const out = compactHistory(attempts, new Map(), 2)
    expect(out.attempts.map((r) => `${r.lab}@${r.at.slice(14, 16)}`)).toEqual(['y@02', 'x@04', 'x@05'])
    expect(out.summaries.get('x')).toEqual({
      v: 1,
      kind: 'summary',
      lab: 'x',
      attempts: 2,
      passes: 1,
      firstAt: '2026-01-01T10:01:00.000Z',
      lastAt: '2026-01-01T10:03:00.000Z',
      firstPassAt: '2026-01-01T10:03:00.000Z',
      bestScore: 10,
      max: 10,
      failedCounts: { c1: 1, c2: 1 },
    })
    expect(out.summaries.has('y')).toBe(false)
  })

  it('adds to an existing summary', () => {
    const first = compactHistory([a('x', 1, 'failed', ['c1']), a('x', 2, 'failed', ['c1'])], new Map(), 1)
    const second = compactHistory([...first.attempts, a('x', 3, 'failed', ['c2'])], first.summaries, 1)
    expect(second.summaries.get('x')).toMatchObject({ attempts: 2, failedCounts: { c1: 2 } })
    expect(second.attempts).toHaveLength(1)
  })
})
