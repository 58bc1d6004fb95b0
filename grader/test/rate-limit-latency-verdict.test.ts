import { describe, expect, it } from 'vitest'
import { latencyVerdict } from '../suites/production/rate-limit/latency-verdict.ts'

describe('latencyVerdict (rate-limit, latency under attack)', () => {
  it('passes a cheap limit: under attack within 2× the app’s own baseline, which is like the starter’s', () => {
    expect(latencyVerdict({ alone: 12, starterAlone: 11, attacked: 20 })).toEqual({
      kind: 'pass',
      baselineMs: 12,
    })
  })

  it('fails a costly limit measured against an honest baseline', () => {
    expect(latencyVerdict({ alone: 12, starterAlone: 11, attacked: 300 })).toEqual({
      kind: 'fail',
      baselineMs: 12,
      padded: false,
    })
  })

  it('caps a padded baseline at 2× the starter’s: answers held back without attack widen nothing', () => {
    // held back 30× the work: 310 ms alone, 320 ms under attack, would pass against its own baseline
    expect(latencyVerdict({ alone: 310, starterAlone: 40, attacked: 320 })).toEqual({
      kind: 'fail',
      baselineMs: 80,
      padded: true,
    })
  })

  it('passes an app somewhat slower than the starter while its attacked p95 stays within 2× the cap', () => {
    expect(latencyVerdict({ alone: 30, starterAlone: 10, attacked: 39 })).toEqual({
      kind: 'pass',
      baselineMs: 20,
    })
  })

  it('fails an app that answered none of its users, and cannot decide without the starter’s baseline', () => {
    expect(latencyVerdict({ alone: undefined, starterAlone: 10, attacked: 20 })).toMatchObject({
      kind: 'fail',
    })
    expect(latencyVerdict({ alone: 10, starterAlone: 10, attacked: undefined })).toMatchObject({
      kind: 'fail',
    })
    expect(latencyVerdict({ alone: 10, starterAlone: undefined, attacked: 12 })).toEqual({
      kind: 'no-starter-baseline',
    })
  })
})
