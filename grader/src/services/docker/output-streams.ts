/** Output kept by the grader for one process, per stream. */
export interface StreamOutput {
  stdout: string
  stderr: string
  truncated: boolean
}

export const DEFAULT_OUTPUT_CAP_BYTES = 1024 * 1024

/**
 * Collects Docker's multiplexed output (frames of `[stream, 0, 0, 0, size u32 BE]` + payload, used
 * without a TTY) into stdout and stderr, keeping at most `capBytes` of each (the start).
 */
export class StreamCollector {
  private pending: Buffer = Buffer.alloc(0)
  private readonly out: Buffer[] = []
  private readonly err: Buffer[] = []
  private outBytes = 0
  private errBytes = 0
  truncated = false

  constructor(private readonly capBytes = DEFAULT_OUTPUT_CAP_BYTES) {}

  push(chunk: Buffer): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk
    while (this.pending.length >= 8) {
      const size = this.pending.readUInt32BE(4)
      if (this.pending.length < 8 + size) return
      const payload = this.pending.subarray(8, 8 + size)
      if (this.pending[0] === 2) this.keep(this.err, payload, 'err')
      else this.keep(this.out, payload, 'out')
      this.pending = this.pending.subarray(8 + size)
    }
  }

  result(): StreamOutput {
    return {
      stdout: Buffer.concat(this.out).toString('utf8'),
      stderr: Buffer.concat(this.err).toString('utf8'),
      truncated: this.truncated,
    }
  }

  private keep(into: Buffer[], payload: Buffer, which: 'out' | 'err'): void {
    const used = which === 'out' ? this.outBytes : this.errBytes
    const room = this.capBytes - used
    if (room <= 0) {
      this.truncated ||= payload.length > 0
      return
    }
    const part = payload.length > room ? payload.subarray(0, room) : payload
    if (part.length < payload.length) this.truncated = true
    into.push(Buffer.from(part))
    if (which === 'out') this.outBytes += part.length
    else this.errBytes += part.length
  }
}
