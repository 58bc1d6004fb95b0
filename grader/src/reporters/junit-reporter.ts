import { writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import {
  type CheckResult,
  checkMessage,
  describePassedStatic,
  type LabResult,
  type ResultsDocument,
} from '@backend-labs/lab-kit'
import { plainText } from './plain-text.ts'
import type { Reporter } from './reporter.ts'

const escapeXml = (s: string) =>
  plainText(s).replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  )

const seconds = (ms: number) => (ms / 1000).toFixed(3)

function testcase(labId: string, c: CheckResult): string {
  const open = `    <testcase classname="${escapeXml(labId)}" name="${escapeXml(`${c.id}: ${c.title}`)}" time="${seconds(c.durationMs)}"`
  const text = escapeXml(
    [c.message, c.where && `where: ${c.where}`, ...(c.hints ?? []).map((h) => `hint: ${h}`)]
      .filter(Boolean)
      .join('\n'),
  )
  if (c.status === 'passed') return `${open}/>`
  if (c.status === 'skipped')
    return `${open}>\n      <skipped message="${escapeXml(checkMessage(c) ?? '')}"/>\n    </testcase>`
  // Ant's schema requires `type`: the kind of failure, here whose fault it is.
  // An undecided check is not the learner's failure: an error, of its own type.
  const [element, type] =
    c.status === 'error'
      ? ['error', 'grader-error']
      : c.status === 'undecided'
        ? ['error', 'undecided']
        : ['failure', 'check-failed']
  return `${open}>\n      <${element} message="${escapeXml(c.message ?? c.status)}" type="${type}">${text}</${element}>\n    </testcase>`
}

function testcases(lab: LabResult): string[] {
  const cases = lab.checks.map((c) => testcase(lab.id, c))
  if (lab.error) {
    const text = escapeXml(
      [lab.error.message, lab.error.hint && `what to do: ${lab.error.hint}`].filter(Boolean).join('\n'),
    )
    cases.push(
      `    <testcase classname="${escapeXml(lab.id)}" name="grading" time="0.000">\n      <error message="${escapeXml(lab.error.message)}" type="${lab.error.kind}">${text}</error>\n    </testcase>`,
    )
  }
  // Consumers drop or reject a suite without a testcase: say why there is nothing to show.
  if (cases.length === 0)
    cases.push(
      `    <testcase classname="${escapeXml(lab.id)}" name="grading" time="0.000">\n      <skipped message="no checks ran"/>\n    </testcase>`,
    )
  return cases
}

export interface JunitOptions {
  /** Defaults to this machine's name; Ant's schema wants `localhost` when unknown. */
  hostname?: string
}

/**
 * JUnit XML that validates against Ant's JUnit.xsd (the strictest published schema): one testsuite
 * per lab with `package`, `id`, `timestamp` (no zone) and `hostname`, one testcase per check.
 */
export function renderJunit(doc: ResultsDocument, options: JunitOptions = {}): string {
  const host = escapeXml(options.hostname ?? (hostname() || 'localhost'))
  const timestamp = doc.startedAt.slice(0, 19)
  const suites = doc.labs.map((lab, index) => {
    const count = (s: CheckResult['status']) => lab.checks.filter((c) => c.status === s).length
    const cases = testcases(lab)
    const skipped = count('skipped') + (lab.checks.length === 0 && !lab.error ? 1 : 0)
    return [
      `  <testsuite package="backend-labs" id="${index}" name="${escapeXml(lab.id)}" timestamp="${timestamp}" hostname="${host}" tests="${cases.length}" failures="${count('failed')}" errors="${count('error') + count('undecided') + (lab.error ? 1 : 0)}" skipped="${skipped}" time="${seconds(lab.durationMs)}">`,
      `    <properties>\n      <property name="score" value="${lab.score}"/>\n      <property name="maxScore" value="${lab.maxScore}"/>\n      <property name="status" value="${lab.status}"/>${lab.status === 'passed-static' ? `\n      <property name="verdict" value="${escapeXml(describePassedStatic(lab))}"/>` : ''}\n    </properties>`,
      ...cases,
      // Required by the schema; kept empty: hidden checks' logs never reach a report.
      '    <system-out/>',
      '    <system-err/>',
      '  </testsuite>',
    ].join('\n')
  })
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n${suites.join('\n')}\n</testsuites>\n`
}

/** `--junit FILE`: one testsuite per lab, one testcase per check, for CI dashboards. */
export class JunitReporter implements Reporter {
  constructor(private readonly file: string) {}

  async onFinish(doc: ResultsDocument): Promise<void> {
    await writeFile(this.file, renderJunit(doc))
  }
}
