import type { LabResult } from '@backend-labs/lab-kit'
import pc from 'picocolors'
import { formatCheck, formatLabEnd } from '../reporters/terminal-reporter.ts'

/**
 * What `labs watch` shows. On a terminal the latest verdict replaces the previous one in place (the
 * screen is cleared and redrawn); in a log or a pipe each verdict is appended after a rule.
 */
export class WatchScreen {
  constructor(
    private readonly write: (text: string) => void,
    private readonly tty: boolean,
  ) {}

  /** The verdict of one grade, with what triggered it. */
  show(id: string, result: LabResult, trigger: string): void {
    const at = new Date().toTimeString().slice(0, 8)
    const header = `${pc.bold(`labs watch ${id}`)} ${pc.dim(`· ${at} · ${trigger}`)}`
    const body = [
      header,
      ...result.checks.flatMap((c) => formatCheck(c)),
      ...formatLabEnd(result),
      pc.dim('Save a file (or commit) to grade again · Ctrl-C to stop'),
    ]
    this.write(`${this.tty ? '\x1b[H\x1b[2J' : `${pc.dim('─'.repeat(40))}\n`}${body.join('\n')}\n`)
  }

  /** A one-line status under the verdict (grading…), replaced on a terminal. */
  status(text: string): void {
    this.write(this.tty ? `\r\x1b[2K${pc.dim(text)}` : `${pc.dim(text)}\n`)
  }
}
