/**
 * Fixed-window counting with a block: `limit` failures within `windowMs` of the first one block the
 * key for `windowMs` from the failure that reached the limit. Refused attempts are not counted.
 */
export class Throttle {
  private readonly entries = new Map<string, { firstAt: number; count: number; blockedUntil: number }>()

  private readonly limit: number
  private readonly windowMs: number

  constructor(limit: number, windowMs: number) {
    this.limit = limit
    this.windowMs = windowMs
  }

  blockedForMs(key: string, now = Date.now()): number {
    const entry = this.entries.get(key)
    return entry ? Math.max(0, entry.blockedUntil - now) : 0
  }

  fail(key: string, now = Date.now()): void {
    let entry = this.entries.get(key)
    if (!entry || now - entry.firstAt >= this.windowMs) {
      entry = { firstAt: now, count: 0, blockedUntil: 0 }
      this.entries.set(key, entry)
    }
    entry.count++
    if (entry.count >= this.limit) {
      entry.blockedUntil = now + this.windowMs
      entry.firstAt = now
      entry.count = 0
    }
    if (this.entries.size > 50_000) this.forgetOld(now)
  }

  private forgetOld(now: number): void {
    for (const [key, e] of this.entries)
      if (now - e.firstAt >= this.windowMs && e.blockedUntil <= now) this.entries.delete(key)
  }
}
