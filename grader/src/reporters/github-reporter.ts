import { appendFile } from 'node:fs/promises'
import { describePassedStatic, type ResultsDocument } from '@backend-labs/lab-kit'
import { renderGithubSummary } from './github-summary.ts'
import { plainText } from './plain-text.ts'
import type { Reporter } from './reporter.ts'

const escapeData = (s: string) =>
  plainText(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C')

/** GitHub Actions workflow commands: an annotation per failed check, at file:line when known. */
export function renderGithub(doc: ResultsDocument, labDir: (id: string) => string): string {
  const lines: string[] = []
  for (const lab of doc.labs) {
    if (lab.error)
      lines.push(
        `::error title=${escapeProperty(`${lab.id}: cannot grade`)}::${escapeData(lab.error.message)}`,
      )
    for (const c of lab.checks) {
      if (c.status !== 'failed' && c.status !== 'error' && c.status !== 'undecided') continue
      const at = c.where?.match(/^([^\s:]+\.[a-z]+):(\d+)$/i)
      const file = at ? `file=${escapeProperty(`${labDir(lab.id)}/${at[1]}`)},line=${at[2]},` : ''
      const text = [c.message, ...(c.hints ?? []).map((h) => `hint: ${h}`)].filter(Boolean).join('\n')
      // undecided: not a failure to fix, so a warning (grade again)
      const level = c.status === 'undecided' ? 'warning' : 'error'
      const title = `${lab.id}: ${c.title}${c.status === 'undecided' ? ' (could not decide)' : ''}`
      lines.push(`::${level} ${file}title=${escapeProperty(title)}::${escapeData(text)}`)
    }
    const status = lab.status === 'passed-static' ? describePassedStatic(lab) : lab.status
    lines.push(`::notice title=${escapeProperty(lab.id)}::score ${lab.score}/${lab.maxScore} (${status})`)
  }
  return lines.length ? `${lines.join('\n')}\n` : ''
}

/**
 * `--github`: annotations printed at the end, for GitHub Actions logs and pull requests, and a
 * Markdown job summary appended to GITHUB_STEP_SUMMARY when GitHub Actions sets it.
 */
export class GithubReporter implements Reporter {
  constructor(
    private readonly write: (text: string) => void,
    private readonly labDir: (id: string) => string,
    private readonly summaryFile: string | undefined = process.env.GITHUB_STEP_SUMMARY,
  ) {}

  async onFinish(doc: ResultsDocument): Promise<void> {
    this.write(renderGithub(doc, this.labDir))
    if (this.summaryFile) await appendFile(this.summaryFile, renderGithubSummary(doc))
  }
}
