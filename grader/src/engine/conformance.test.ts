import { EnvironmentError } from '@backend-labs/lab-kit'
import { describe, expect, it } from 'vitest'
import { SQL_SERVER_IMAGE, sqlDockerFacts } from '../services/sql/engine-selection.ts'
import { compareVerdicts, requireLiveSqlServer } from './conformance.ts'
import type { VerifyCase, VerifyLabReport } from './verify-lab.ts'

const report = (cases: Partial<VerifyCase>[]): VerifyLabReport => ({
  id: 'sqlserver/x',
  ok: true,
  problems: [],
  durationMs: 0,
  cases: cases.map((c) => ({
    kind: 'fixture',
    id: 'f',
    ok: true,
    expectation: '',
    problems: [],
    score: 0,
    maxScore: 0,
    failed: [],
    durationMs: 0,
    ...c,
  })),
})

describe('static-versus-live cross-check', () => {
  it('agrees when static fails what live fails, leaving aside the checks only live runs', () => {
    const live = report([{ id: 'a', failed: ['price-check', 'probe-price'] }])
    const stat = report([{ id: 'a', failed: ['price-check'] }])
    expect(compareVerdicts(live, stat, new Set(['probe-price']))).toEqual([])
  })

  it('names each case where the engines disagree, both ways', () => {
    const live = report([
      { id: 'a', failed: ['script-runs'] },
      { id: 'b', failed: [] },
      { id: 'c', failed: ['x'], skipped: 'only live' },
    ])
    const stat = report([
      { id: 'a', failed: [] },
      { id: 'b', failed: ['price-check'] },
      { id: 'c', failed: [] },
    ])
    expect(compareVerdicts(live, stat, new Set())).toEqual([
      'fixture a: static fails [], live fails [script-runs]',
      'fixture b: static fails [price-check], live fails []',
    ])
  })
})

const facts = await sqlDockerFacts()
describe.skipIf(facts.reachable && facts.imagePresent)(
  `conformance without SQL Server (skipped: image ${SQL_SERVER_IMAGE} is present, so it can run)`,
  () => {
    it('is an environment error that names the missing image', async () => {
      const error = await requireLiveSqlServer().catch((e: unknown) => e)
      expect(error).toBeInstanceOf(EnvironmentError)
      expect((error as Error).message).toContain(SQL_SERVER_IMAGE)
    })
  },
)
