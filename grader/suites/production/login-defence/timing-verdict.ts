/** The allowed ratio between the two medians, either way (the README's margin). */
export const TIMING_FACTOR = 2

export interface TimingVerdict {
  ok: boolean
  summary: string
}

export function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/**
 * Compares two latency samples taken interleaved in the same run: only their ratio counts, never
 * an absolute time, so a busy machine slows both alike.
 */
export function timingVerdict(unknownMs: number[], wrongMs: number[]): TimingVerdict {
  const unknown = median(unknownMs)
  const wrong = median(wrongMs)
  const ratio = unknown / Math.max(wrong, 0.001)
  const ok = ratio >= 1 / TIMING_FACTOR && ratio <= TIMING_FACTOR
  const ms = (v: number) => `${v < 10 ? v.toFixed(1) : Math.round(v)} ms`
  return {
    ok,
    summary: `an unknown username took ${ms(unknown)} (median of ${unknownMs.length}), a wrong password ${ms(wrong)} (median of ${wrongMs.length}), interleaved in this run: ratio ${ratio.toFixed(2)}, allowed ${(1 / TIMING_FACTOR).toFixed(2)}–${TIMING_FACTOR}`,
  }
}
