import type { LabResult } from '@backend-labs/lab-kit'
import { describe, expect, it } from 'vitest'
import { attemptFromResult } from './attempt-from-result.ts'
import { attemptRecordSchema } from './attempt-record.ts'

describe('attemptFromResult', () => {
  it('records when, lab, engine, score, max, status, failed check ids and duration', () => {
    const check = (id: string, status: 'passed' | 'failed' | 'error' | 'skipped') => ({
      id,
      title: id,
      visibility: 'public' as const,
      status,
      points: 0,
      maxPoints: 1,
      durationMs: 1,
    })
    const result: LabResult = {
      id: 'sqlserver/normalise',
      title: 'Normalise',
      engine: 'static',
      status: 'failed',
      score: 2,
      maxScore: 5,
      checks: [check('a', 'passed'), check('b', 'failed'), check('c', 'error'), check('d', 'skipped')],
      durationMs: 1234.6,
    }
    const record = attemptFromResult(result, new Date('2026-01-02T03:04:05Z'))
    expect(record).toEqual({
      v: 1,
      kind: 'attempt',
      at: '2026-01-02T03:04:05.000Z',
      lab: 'sqlserver/normalise',
      engine: 'static',
      score: 2,
      max: 5,
      status: 'failed',
      failed: ['b', 'c'],
      durationMs: 1235,
    })
    expect(attemptRecordSchema.parse(record)).toEqual(record)
  })
})
