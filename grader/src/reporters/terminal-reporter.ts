import {
  type CheckResult,
  checkMessage,
  describePassedStatic,
  describeUndecided,
  type LabResult,
  type ResultsDocument,
} from '@backend-labs/lab-kit'
import picocolors from 'picocolors'
import { plainText } from './plain-text.ts'
import type { Reporter } from './reporter.ts'

type Write = (text: string) => void
type Colors = ReturnType<typeof picocolors.createColors>

const ICON: Record<CheckResult['status'], string> = {
  passed: '✓',
  failed: '✗',
  skipped: '-',
  error: '!',
  undecided: '?',
}

function colorFor(pc: Colors, status: CheckResult['status']) {
  return status === 'passed'
    ? pc.green
    : status === 'skipped'
      ? pc.dim
      : status === 'failed'
        ? pc.red
        : pc.yellow
}

/**
 * Learner-controlled text without control sequences, its continuation lines indented under the
 * first: a quoted log line such as "  Score: 13/13" can never stand where the grader's own lines do.
 */
const quoted = (text: string, indent: string) => plainText(text).replace(/\n/g, `\n${indent}`)

/** The learner-controlled text of a check result, made safe to print. */
function plainCheck(c: CheckResult): CheckResult {
  const indent = ' '.repeat(8)
  return {
    ...c,
    title: plainText(c.title).replace(/\n/g, ' '),
    // formatCheck indents every line of the message itself (one problem a line).
    ...(c.message === undefined ? {} : { message: plainText(c.message) }),
    ...(c.where === undefined ? {} : { where: plainText(c.where).replace(/\n/g, ' ') }),
    ...(c.hints ? { hints: c.hints.map((h) => quoted(h, indent)) } : {}),
  }
}

export function formatCheck(raw: CheckResult, pc: Colors = picocolors): string[] {
  const c = plainCheck(raw)
  const color = colorFor(pc, c.status)
  const tag = c.visibility === 'hidden' ? pc.dim(' [hidden]') : ''
  const lines = [`  ${color(ICON[c.status])} ${c.title}${tag} ${pc.dim(`(${c.points}/${c.maxPoints})`)}`]
  const message = checkMessage(c)
  // A check that found several problems lists them one per line.
  if (c.status !== 'passed' && message)
    for (const line of message.split('\n')) lines.push(`      ${color(line)}`)
  if (c.status === 'failed' || c.status === 'error' || c.status === 'undecided') {
    if (c.where && !message?.includes(c.where)) lines.push(`      ${pc.dim('where:')} ${c.where}`)
    for (const hint of c.hints ?? []) lines.push(`      ${pc.cyan('hint:')} ${hint}`)
  }
  return lines
}

export function formatLabEnd(r: LabResult, pc: Colors = picocolors): string[] {
  const lines: string[] = []
  for (const n of r.notices ?? []) lines.push(`  ${pc.yellow('note:')} ${quoted(n, '    ')}`)
  if (r.error) {
    const label =
      r.error.kind === 'bad-input'
        ? 'cannot grade'
        : r.error.kind === 'environment'
          ? 'environment problem'
          : 'grader error'
    lines.push(`  ${pc.red(`${label}:`)} ${quoted(r.error.message, '    ')}`)
    if (r.error.hint) lines.push(`  ${pc.cyan('what to do:')} ${quoted(r.error.hint, '    ')}`)
    return lines
  }
  const failed = r.checks.filter((c) => c.status === 'failed' || c.status === 'error').length
  const pct = r.maxScore ? Math.round((100 * r.score) / r.maxScore) : 0
  const verdict =
    r.status === 'passed'
      ? pc.green('passed')
      : r.status === 'passed-static'
        ? pc.yellow(describePassedStatic(r))
        : r.status === 'undecided'
          ? pc.yellow(describeUndecided(r))
          : pc.red(`${failed} check${failed === 1 ? '' : 's'} to fix`)
  const engine = r.engine
    ? pc.dim(
        ` · ${r.engine} engine${r.engineMaxScore !== undefined ? ` (at most ${r.engineMaxScore}/${r.maxScore} under it)` : ''}`,
      )
    : ''
  lines.push(
    `  ${pc.bold(`Score: ${r.score}/${r.maxScore}`)} (${pct}%) · ${verdict}${engine} ${pc.dim(`· ${(r.durationMs / 1000).toFixed(1)} s`)}`,
  )
  return lines
}

/** Human output: each check as it finishes, then a score line per lab and a summary. */
export class TerminalReporter implements Reporter {
  constructor(
    private readonly write: Write = (t) => process.stdout.write(t),
    /** Colours follow NO_COLOR / FORCE_COLOR / the terminal, as picocolors decides. */
    private readonly pc: Colors = picocolors,
  ) {}

  onLabStart(id: string, title: string): void {
    this.write(`\n${this.pc.bold(id)}  ${this.pc.dim(title)}\n`)
  }

  onCheckEnd(result: CheckResult): void {
    this.write(`${formatCheck(result, this.pc).join('\n')}\n`)
  }

  onLabEnd(result: LabResult): void {
    this.write(`${formatLabEnd(result, this.pc).join('\n')}\n`)
  }

  onFinish(doc: ResultsDocument): void {
    if (doc.labs.length < 2) return
    const s = doc.summary
    this.write(`\n${this.pc.bold(`${s.passed}/${s.labs} labs passed`)} · total ${s.score}/${s.maxScore}\n`)
  }
}
