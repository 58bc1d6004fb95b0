import type { LabResult, ResultsDocument } from '@backend-labs/lab-kit'
import { plainText } from './plain-text.ts'

/** Markdown table cells: no pipes, no newlines, no HTML a summary would render. */
const cell = (s: string) =>
  plainText(s)
    .replace(/\s+/g, ' ')
    .replace(/[|<>]/g, (c) => `&#${c.charCodeAt(0)};`)
    .trim()

const STATUS: Record<LabResult['status'], string> = {
  passed: '✅ passed',
  'passed-static': '✅ passed (static engine; some checks need SQL Server)',
  failed: '❌ failed',
  undecided: '❔ undecided (grade again)',
  error: '⚠️ not graded',
}

/** The job summary (GITHUB_STEP_SUMMARY): a points table per lab, then what to fix. */
export function renderGithubSummary(doc: ResultsDocument): string {
  const lines = [
    '## Backend Labs results',
    '',
    '| Lab | Status | Points | Checks passed |',
    '| --- | --- | ---: | ---: |',
  ]
  for (const lab of doc.labs) {
    const passed = lab.checks.filter((c) => c.status === 'passed').length
    lines.push(
      `| ${cell(`${lab.id} (${lab.title})`)} | ${STATUS[lab.status]} | ${lab.score}/${lab.maxScore} | ${passed}/${lab.checks.length} |`,
    )
  }
  const s = doc.summary
  lines.push(`| **Total** | ${s.passed}/${s.labs} labs passed | **${s.score}/${s.maxScore}** | |`, '')
  const toFix = doc.labs.flatMap((lab) => [
    ...(lab.error ? [`- **${cell(lab.id)}**: cannot grade: ${cell(lab.error.message)}`] : []),
    ...lab.checks
      .filter((c) => c.status === 'failed' || c.status === 'error')
      .map((c) => `- **${cell(lab.id)}** · ${cell(c.title)}${c.message ? `: ${cell(c.message)}` : ''}`),
  ])
  if (toFix.length) lines.push('### To fix', '', ...toFix, '')
  const undecided = doc.labs.flatMap((lab) =>
    lab.checks
      .filter((c) => c.status === 'undecided')
      .map((c) => `- **${cell(lab.id)}** · ${cell(c.title)}${c.message ? `: ${cell(c.message)}` : ''}`),
  )
  if (undecided.length) lines.push('### Could not decide (grade again)', '', ...undecided, '')
  const notices = doc.labs.flatMap((lab) => (lab.notices ?? []).map((n) => `- ${cell(lab.id)}: ${cell(n)}`))
  if (notices.length) lines.push('### Notes', '', ...notices, '')
  return `${lines.join('\n')}\n`
}
