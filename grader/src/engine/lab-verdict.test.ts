import type { CheckResult, LabResult, SkipReason } from '@backend-labs/lab-kit'
import { describe, expect, it } from 'vitest'
import type { Lab } from './lab.ts'
import { applyVerdict } from './lab-verdict.ts'

const lab = (liveEssential: string[]) =>
  ({ id: 'sqlserver/x', manifest: { liveEssential, services: ['sql'] } }) as unknown as Lab

const check = (id: string, extra: Partial<CheckResult> = {}): CheckResult => ({
  id,
  title: id,
  visibility: 'public',
  status: 'passed',
  points: 1,
  maxPoints: 1,
  durationMs: 0,
  ...extra,
})
const engineSkip: Partial<CheckResult> = {
  status: 'skipped',
  points: 0,
  skip: { kind: 'engine', engines: ['live'], engine: 'static' },
}

const graded = (checks: CheckResult[], essential: string[] = []): LabResult => {
  const r: LabResult = {
    id: 'sqlserver/x',
    title: 'x',
    status: 'error',
    score: checks.reduce((s, c) => s + c.points, 0),
    maxScore: checks.length,
    checks,
    durationMs: 0,
    engine: 'static',
  }
  applyVerdict(lab(essential), r)
  return r
}

describe('the lab verdict', () => {
  it('is passed-static when an essential check could only run live, with the same points', () => {
    const r = graded([check('shape'), check('probe', engineSkip), check('extra', engineSkip)], ['probe'])
    expect(r).toMatchObject({
      status: 'passed-static',
      score: 1,
      engineMaxScore: 1,
      unverified: { checks: ['probe'], needs: 'SQL Server' },
    })
  })

  it('is passed when no skipped check is essential', () => {
    const r = graded([check('shape'), check('probe', engineSkip)])
    expect(r.status).toBe('passed')
    expect(r.unverified).toBeUndefined()
  })

  it('fails on a failure, an error, or a skip for a dependency, a fatal error or the time limit', () => {
    expect(graded([check('a', { status: 'failed', points: 0 })]).status).toBe('failed')
    expect(graded([check('a', { status: 'error', points: 0 })]).status).toBe('failed')
    const skips: SkipReason[] = [
      { kind: 'dependency', needs: ['a'] },
      { kind: 'fatal', detail: 'Docker is not running' },
      { kind: 'time-limit' },
    ]
    for (const skip of skips)
      expect(graded([check('b', { status: 'skipped', points: 0, skip })], ['b']).status).toBe('failed')
  })

  it('is undecided when a check could not decide and none failed; a failure still wins', () => {
    const undecided = check('ratio', { status: 'undecided', points: 0, message: 'rounds disagree' })
    expect(graded([check('a'), undecided]).status).toBe('undecided')
    expect(graded([check('a', { status: 'failed', points: 0 }), undecided]).status).toBe('failed')
  })
})
