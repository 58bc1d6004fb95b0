import pc from 'picocolors'

/** Whether progress is shown: on a terminal, or when `--progress` asks for it elsewhere. */
export function progressWanted(stream: NodeJS.WriteStream, forced: unknown): boolean {
  return Boolean(stream.isTTY) || forced === true
}

/**
 * Shows what the grader is doing when a step takes longer than a second. On a terminal it redraws
 * one line with the elapsed time. Elsewhere it prints nothing unless `--progress` forces it (then
 * the step once): whether a step takes a second depends on the machine's load, so output that is
 * not a terminal (transcripts, CI logs, JSON) never depends on timing.
 */
export class ProgressLine {
  private timer?: NodeJS.Timeout
  private shown = false
  private readonly tty: boolean
  private readonly enabled: boolean

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    options: { force?: boolean } = {},
  ) {
    this.tty = Boolean(stream.isTTY)
    this.enabled = progressWanted(stream, options.force === true)
  }

  step(label: string): void {
    this.clear()
    if (!this.enabled) return
    const started = Date.now()
    this.timer = setTimeout(() => {
      this.shown = true
      const draw = () => {
        const s = ((Date.now() - started) / 1000).toFixed(0)
        if (this.tty) this.stream.write(`\r\x1b[2K${pc.dim(`… ${label} (${s} s)`)}`)
      }
      if (this.tty) {
        draw()
        this.timer = setInterval(draw, 1000)
      } else {
        this.stream.write(`… ${label}\n`)
      }
    }, 1000)
  }

  clear(): void {
    clearTimeout(this.timer)
    clearInterval(this.timer)
    this.timer = undefined
    if (this.shown && this.tty) this.stream.write('\r\x1b[2K')
    this.shown = false
  }
}
