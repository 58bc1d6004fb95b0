import { afterEach, describe, expect, it } from 'vitest'
import { MAX_TIME_SCALE, machineTimeScale, scaledWait } from './time-scale.ts'

describe('machineTimeScale', () => {
  const saved = process.env.LABS_TIME_SCALE
  afterEach(() => {
    if (saved === undefined) delete process.env.LABS_TIME_SCALE
    else process.env.LABS_TIME_SCALE = saved
  })

  it('reads the load: between 1 and MAX_TIME_SCALE', () => {
    delete process.env.LABS_TIME_SCALE
    const scale = machineTimeScale()
    expect(scale).toBeGreaterThanOrEqual(1)
    expect(scale).toBeLessThanOrEqual(MAX_TIME_SCALE)
  })

  it('is set by LABS_TIME_SCALE, and ignores a value below 1', () => {
    process.env.LABS_TIME_SCALE = '2.5'
    expect(machineTimeScale()).toBe(2.5)
    expect(scaledWait(10_000)).toBe(25_000)
    process.env.LABS_TIME_SCALE = '0.1'
    expect(machineTimeScale()).toBeGreaterThanOrEqual(1)
  })
})
