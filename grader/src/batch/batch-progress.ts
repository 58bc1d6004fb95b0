/**
 * The batch's progress bar with an ETA, drawn on a terminal only. Off a terminal it prints nothing:
 * CI logs and piped output stay free of anything that depends on timing.
 */
export class BatchProgress {
  private readonly started = Date.now()
  private done = 0
  private errors = 0
  private readonly tty: boolean

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.tty = Boolean(stream.isTTY)
  }

  /** One submission finished (graded or not). */
  tick(error: boolean): void {
    this.done++
    if (error) this.errors++
    if (!this.tty) return
    const width = 24
    const filled = this.total ? Math.round((this.done / this.total) * width) : width
    const elapsedS = (Date.now() - this.started) / 1000
    const etaS = this.done ? Math.round((elapsedS / this.done) * (this.total - this.done)) : 0
    const eta = `${Math.floor(etaS / 60)}:${String(etaS % 60).padStart(2, '0')}`
    const errors = this.errors ? ` · ${this.errors} not graded` : ''
    this.stream.write(
      `\r\x1b[2K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.done}/${this.total}${errors} · ETA ${eta}`,
    )
  }

  /** Clears the bar before the final report. */
  end(): void {
    if (this.tty && this.done) this.stream.write('\r\x1b[2K')
  }
}
