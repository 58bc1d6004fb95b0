import pc from 'picocolors'

/**
 * Shows what the grader is doing when a step takes longer than a second. On a terminal it redraws
 * one line with the elapsed time; elsewhere it prints the step once, so CI logs stay short.
 */
export class ProgressLine {
  private timer?: NodeJS.Timeout
  private shown = false
  private readonly tty: boolean

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {
    this.tty = Boolean(stream.isTTY)
  }

  step(label: string): void {
    this.clear()
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
