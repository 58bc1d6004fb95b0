import { describe, expect, it } from 'vitest'
import { latencyVerdict } from '../suites/production/rate-limit/latency-verdict.ts'

describe('latencyVerdict (rate-limit, latency under attack)', () => {
  it('passes a cheap limit: under attack within 2× the starter’s users meanwhile', () => {
    expect(latencyVerdict({ attacked: 37, starterMeanwhile: 47 })).toEqual({ kind: 'pass', allowedMs: 94 })
    expect(latencyVerdict({ attacked: 94, starterMeanwhile: 47 })).toEqual({ kind: 'pass', allowedMs: 94 })
  })

  it('fails a costly limit, and answers held back (padding raises only the app’s own side)', () => {
    expect(latencyVerdict({ attacked: 2400, starterMeanwhile: 60 })).toEqual({ kind: 'fail', allowedMs: 120 })
    expect(latencyVerdict({ attacked: 614, starterMeanwhile: 74 })).toEqual({ kind: 'fail', allowedMs: 148 })
  })

  it('fails an app that answered none of its users; cannot decide without the starter’s users', () => {
    expect(latencyVerdict({ attacked: undefined, starterMeanwhile: 10 })).toEqual({
      kind: 'fail',
      allowedMs: 20,
    })
    expect(latencyVerdict({ attacked: 12, starterMeanwhile: undefined })).toEqual({
      kind: 'no-starter-baseline',
    })
  })
})
