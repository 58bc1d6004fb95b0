import type { LabResult } from '@backend-labs/lab-kit'
import { describe, expect, it } from 'vitest'
import { exitCodeFor } from './grade-command.ts'

const lab = (status: LabResult['status'], error?: LabResult['error']): LabResult => ({
  id: `t/${status}`,
  title: status,
  status,
  score: 0,
  maxScore: 1,
  checks: [],
  durationMs: 0,
  ...(error ? { error } : {}),
})

describe('the grade exit code', () => {
  it('is 0 for passes, 1 for a failure, 3 for an undecided lab, even beside a failure', () => {
    expect(exitCodeFor([lab('passed'), lab('passed-static')])).toBe(0)
    expect(exitCodeFor([lab('passed'), lab('failed')])).toBe(1)
    expect(exitCodeFor([lab('passed'), lab('undecided')])).toBe(3)
    expect(exitCodeFor([lab('failed'), lab('undecided')])).toBe(3)
  })

  it('puts grader bugs, then bad input, then the environment first', () => {
    const error = (kind: 'bad-input' | 'environment' | 'internal') => lab('error', { kind, message: kind })
    expect(exitCodeFor([lab('undecided'), error('bad-input')])).toBe(2)
    expect(exitCodeFor([error('environment'), error('internal')])).toBe(4)
  })
})
