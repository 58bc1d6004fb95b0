import { describe, expect, it } from 'vitest'
import { compareAlternately } from './alternating-rounds.ts'
import { decideRatio, describeRatio, medianInterval } from './ratio-decision.ts'

describe('medianInterval', () => {
  it('takes the order statistics whose coverage reaches the confidence', () => {
    expect(medianInterval([3, 1, 2], 0.75)).toEqual({ median: 2, low: 1, high: 3, coverage: 0.75 })
    // 9 samples: [x(3), x(7)] covers 1 − 2·P(Bin(9,½) ≤ 2) = 0.8203…
    const nine = medianInterval([9, 8, 7, 6, 5, 4, 3, 2, 1], 0.8)
    expect([nine.median, nine.low, nine.high]).toEqual([5, 3, 7])
    expect(nine.coverage).toBeCloseTo(0.8203, 3)
  })

  it('says how little one sample tells', () => {
    expect(medianInterval([4], 0.75).coverage).toBe(0)
    expect(() => medianInterval([], 0.5)).toThrow(RangeError)
  })
})

describe('decideRatio', () => {
  const atLeast3 = { direction: 'at-least', threshold: 3 } as const
  it('passes only when the whole interval clears the threshold', () => {
    expect(decideRatio([3.5, 4, 9], atLeast3).verdict).toBe('pass')
    expect(decideRatio([1, 1.2, 2.9], atLeast3).verdict).toBe('fail')
  })
  it('cannot decide when the interval straddles the threshold, even if the median clears it', () => {
    const d = decideRatio([2.5, 4, 5], atLeast3)
    expect(d.verdict).toBe('undecided')
    expect(d.median).toBe(4)
    expect(describeRatio(d)).toBe('4.0× (2.5–5.0× over 3 rounds)')
  })
  it('cannot decide from too few rounds for the confidence asked', () => {
    expect(decideRatio([10, 12], atLeast3).verdict).toBe('undecided')
  })
  it('reads "at most" the other way round', () => {
    expect(decideRatio([0.1, 0.2, 0.3], { direction: 'at-most', threshold: 0.5 }).verdict).toBe('pass')
    expect(decideRatio([0.6, 0.7, 0.9], { direction: 'at-most', threshold: 0.5 }).verdict).toBe('fail')
  })
})

describe('compareAlternately', () => {
  it('alternates the order, and adds rounds only while a rule is undecided', async () => {
    const order: string[] = []
    const candidateValues = [4, 2.5, 5, 6, 7]
    let c = 0
    const outcome = await compareAlternately({
      baseline: async () => {
        order.push('B')
        return 1
      },
      candidate: async () => {
        order.push('C')
        return candidateValues[c++] as number
      },
      ratios: (r) => ({ speedup: r.candidate / r.baseline }),
      rules: { speedup: { direction: 'at-least', threshold: 3 } },
    })
    // 3 rounds straddle 3× ([2.5, 5]); the 4th and 5th still keep 2.5 as the lowest: undecided
    expect(order.join('')).toBe('BCCBBCCBBC')
    expect(outcome.rounds).toHaveLength(5)
    expect(outcome.decisions.speedup.verdict).toBe('undecided')
  })

  it('stops after the minimum rounds when every rule is decided', async () => {
    const outcome = await compareAlternately({
      baseline: async () => 1,
      candidate: async () => 10,
      ratios: (r) => ({ speedup: r.candidate / r.baseline }),
      rules: { speedup: { direction: 'at-least', threshold: 3 } },
    })
    expect(outcome.rounds).toHaveLength(3)
    expect(outcome.decisions.speedup.verdict).toBe('pass')
  })
})
