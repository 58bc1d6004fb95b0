import type { CheckResult, LabResult } from '@backend-labs/lab-kit'
import { describe, expect, it } from 'vitest'
import { describeUnstable, unstableChecks } from './verdict-stability.ts'

function lab(statuses: Record<string, CheckResult['status']>): LabResult {
  const checks = Object.entries(statuses).map(
    ([id, status]): CheckResult => ({
      id,
      title: id,
      visibility: 'public',
      status,
      points: status === 'passed' ? 1 : 0,
      maxPoints: 1,
      durationMs: 1,
    }),
  )
  const failed = checks.some((c) => c.status !== 'passed')
  return {
    id: 'git/x',
    title: 'x',
    status: failed ? 'failed' : 'passed',
    score: checks.filter((c) => c.status === 'passed').length,
    maxScore: checks.length,
    checks,
    durationMs: 1,
  }
}

describe('unstableChecks', () => {
  it('finds nothing when every grade agrees', () => {
    const same = lab({ a: 'passed', b: 'failed' })
    expect(
      unstableChecks([same, lab({ a: 'passed', b: 'failed' }), lab({ a: 'passed', b: 'failed' })]),
    ).toEqual([])
  })

  it('names each check whose status changed, with every grade in order', () => {
    const changed = unstableChecks([
      lab({ a: 'passed', b: 'failed' }),
      lab({ a: 'passed', b: 'passed' }),
      lab({ a: 'passed' }),
    ])
    expect(changed).toEqual([{ id: 'b', statuses: ['failed', 'passed', 'absent'] }])
    expect(describeUnstable(changed[0]!)).toBe('verdict changed across 3 grades: b failed, passed, absent')
  })
})
