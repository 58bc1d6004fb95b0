import { writeFile } from 'node:fs/promises'
import {
  type CheckResult,
  checkMessage,
  describePassedStatic,
  type ResultsDocument,
} from '@backend-labs/lab-kit'
import type { Reporter } from './reporter.ts'

const escapeXml = (s: string) =>
  s
    .replace(
      /[<>&'"]/g,
      (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
    )
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')

function testcase(labId: string, c: CheckResult): string {
  const open = `    <testcase classname="${escapeXml(labId)}" name="${escapeXml(`${c.id}: ${c.title}`)}" time="${(c.durationMs / 1000).toFixed(3)}"`
  const text = escapeXml(
    [c.message, c.where && `where: ${c.where}`, ...(c.hints ?? []).map((h) => `hint: ${h}`)]
      .filter(Boolean)
      .join('\n'),
  )
  switch (c.status) {
    case 'passed':
      return `${open}/>`
    case 'skipped':
      return `${open}>\n      <skipped message="${escapeXml(checkMessage(c) ?? '')}"/>\n    </testcase>`
    case 'failed':
      return `${open}>\n      <failure message="${escapeXml(c.message ?? 'failed')}">${text}</failure>\n    </testcase>`
    case 'error':
      return `${open}>\n      <error message="${escapeXml(c.message ?? 'error')}">${text}</error>\n    </testcase>`
  }
}

export function renderJunit(doc: ResultsDocument): string {
  const suites = doc.labs.map((lab) => {
    const count = (s: CheckResult['status']) => lab.checks.filter((c) => c.status === s).length
    const cases = lab.checks.map((c) => testcase(lab.id, c))
    if (lab.error)
      cases.push(
        `    <testcase classname="${escapeXml(lab.id)}" name="grading"><error message="${escapeXml(lab.error.message)}"/></testcase>`,
      )
    return [
      `  <testsuite name="${escapeXml(lab.id)}" tests="${cases.length}" failures="${count('failed')}" errors="${count('error') + (lab.error ? 1 : 0)}" skipped="${count('skipped')}" time="${(lab.durationMs / 1000).toFixed(3)}">`,
      `    <properties><property name="score" value="${lab.score}"/><property name="maxScore" value="${lab.maxScore}"/><property name="status" value="${lab.status}"/>${lab.status === 'passed-static' ? `<property name="verdict" value="${escapeXml(describePassedStatic(lab))}"/>` : ''}</properties>`,
      ...cases,
      '  </testsuite>',
    ].join('\n')
  })
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="backend-labs">\n${suites.join('\n')}\n</testsuites>\n`
}

/** `--junit FILE`: one testsuite per lab, one testcase per check, for CI dashboards. */
export class JunitReporter implements Reporter {
  constructor(private readonly file: string) {}

  async onFinish(doc: ResultsDocument): Promise<void> {
    await writeFile(this.file, renderJunit(doc))
  }
}
