import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ProgressLine } from './progress-line.ts'

function stream(isTTY: boolean) {
  const writes: string[] = []
  return { writes, s: { isTTY, write: (t: string) => writes.push(t) } as unknown as NodeJS.WriteStream }
}

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

describe('ProgressLine', () => {
  it('stays silent for steps under a second', () => {
    const { writes, s } = stream(false)
    const p = new ProgressLine(s)
    p.step('building the image')
    vi.advanceTimersByTime(900)
    p.clear()
    vi.advanceTimersByTime(5000)
    expect(writes).toEqual([])
  })

  it('prints nothing when not on a terminal, however slow the step: output never depends on timing', () => {
    const { writes, s } = stream(false)
    const p = new ProgressLine(s)
    p.step('building the image')
    vi.advanceTimersByTime(60_000)
    p.clear()
    expect(writes).toEqual([])
  })

  it('prints a slow step once when --progress forces it off a terminal', () => {
    const { writes, s } = stream(false)
    const p = new ProgressLine(s, { force: true })
    p.step('building the image')
    vi.advanceTimersByTime(4000)
    expect(writes).toEqual(['… building the image\n'])
  })

  it('redraws the elapsed time on a terminal and erases the line when done', () => {
    const { writes, s } = stream(true)
    const p = new ProgressLine(s)
    p.step('starting SQL Server')
    vi.advanceTimersByTime(3100)
    p.clear()
    expect(writes.length).toBeGreaterThanOrEqual(3)
    expect(writes.join('')).toMatch(/starting SQL Server \(3 s\)/)
    expect(writes.at(-1)).toBe('\r\x1b[2K')
  })
})
