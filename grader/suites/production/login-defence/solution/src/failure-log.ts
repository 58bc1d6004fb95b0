/**
 * Failed sign-ins per key (an account or an address) over a sliding window, kept in memory.
 * A key is held back while it has `limit` failures within the last `windowMs`; attempts refused
 * meanwhile are not recorded, so a hold ends at most `windowMs` after the failure that started it.
 */
export class FailureLog {
  private readonly windowMs: number
  private readonly failures = new Map<string, number[]>()

  constructor(windowMs: number) {
    this.windowMs = windowMs
  }

  /** How long `key` must still wait (0: not held back). */
  waitMs(key: string, limit: number, now: number): number {
    const recent = this.recent(key, now)
    if (recent.length < limit) return 0
    // the hold ends when the oldest failure that still makes up the limit leaves the window
    return (recent[recent.length - limit] as number) + this.windowMs - now
  }

  record(key: string, now: number): void {
    this.failures.set(key, [...this.recent(key, now), now])
    if (this.failures.size > 10_000) this.sweep(now)
  }

  private recent(key: string, now: number): number[] {
    const kept = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs)
    if (kept.length === 0) this.failures.delete(key)
    return kept
  }

  /** Forgets keys whose failures all left the window: memory stays bounded under a spray. */
  private sweep(now: number): void {
    for (const key of [...this.failures.keys()]) this.recent(key, now)
  }
}
