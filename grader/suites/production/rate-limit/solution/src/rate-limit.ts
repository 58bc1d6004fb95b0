/** A fixed-window counter per client: at most `limit` requests in each window of `windowSeconds`. */
export interface Decision {
  allowed: boolean
  limit: number
  remaining: number
  /** Whole seconds until this client's window resets. */
  resetSeconds: number
}

export class FixedWindowLimiter {
  private readonly windows = new Map<string, { startedMs: number; count: number }>()
  readonly limit: number
  readonly windowSeconds: number

  constructor(limit: number, windowSeconds: number) {
    this.limit = limit
    this.windowSeconds = windowSeconds
    // forget clients whose window is over, so a botnet of many addresses cannot fill the memory
    setInterval(() => this.prune(Date.now()), windowSeconds * 1000).unref()
  }

  take(client: string, nowMs = Date.now()): Decision {
    const windowMs = this.windowSeconds * 1000
    let window = this.windows.get(client)
    if (!window || nowMs - window.startedMs >= windowMs) {
      window = { startedMs: nowMs, count: 0 }
      this.windows.set(client, window)
    }
    const allowed = window.count < this.limit
    if (allowed) window.count++
    const resetSeconds = Math.max(1, Math.ceil((window.startedMs + windowMs - nowMs) / 1000))
    return { allowed, limit: this.limit, remaining: this.limit - window.count, resetSeconds }
  }

  private prune(nowMs: number): void {
    for (const [client, window] of this.windows)
      if (nowMs - window.startedMs >= this.windowSeconds * 1000) this.windows.delete(client)
  }
}
