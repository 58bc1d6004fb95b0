import { writeFile } from 'node:fs/promises'
import {
  checkMessage,
  describePassedStatic,
  describeUndecided,
  type ResultsDocument,
} from '@backend-labs/lab-kit'
import { plainText } from './plain-text.ts'
import type { Reporter } from './reporter.ts'

/**
 * Gradescope's autograder `results.json`: one test per check. Hidden checks map to Gradescope's
 * `after_published` visibility, so learners see them only when the instructor publishes grades.
 */
export function renderGradescope(doc: ResultsDocument): string {
  const tests = doc.labs.flatMap((lab) => [
    ...lab.checks.map((c) => ({
      name: plainText(`${lab.id} › ${c.title}`),
      number: `${lab.id}/${c.id}`,
      score: c.points,
      max_score: c.maxPoints,
      status: c.status === 'passed' ? 'passed' : 'failed',
      output: plainText(
        [
          c.status === 'undecided' ? 'The grader could not decide this check; grade again.' : undefined,
          checkMessage(c),
          ...(c.hints ?? []).map((h) => `hint: ${h}`),
        ]
          .filter(Boolean)
          .join('\n'),
      ),
      visibility: c.visibility === 'hidden' ? 'after_published' : 'visible',
    })),
    ...(lab.error
      ? [
          {
            name: `${lab.id} › grading`,
            score: 0,
            max_score: 0,
            status: 'failed',
            output: plainText(lab.error.message),
            visibility: 'visible',
          },
        ]
      : []),
  ])
  const score = doc.labs.reduce((s, l) => s + l.score, 0)
  // Gradescope shows the top-level output above the tests: the place to say a pass is static only.
  const output = doc.labs
    .filter((l) => l.status === 'passed-static' || l.status === 'undecided')
    .map((l) => `${l.id}: ${l.status === 'undecided' ? describeUndecided(l) : describePassedStatic(l)}`)
    .join('\n')
  const result = {
    score,
    execution_time: Math.round(doc.durationMs / 1000),
    ...(output ? { output } : {}),
    tests,
  }
  return `${JSON.stringify(result, null, 2)}\n`
}

export class GradescopeReporter implements Reporter {
  constructor(private readonly file: string) {}

  async onFinish(doc: ResultsDocument): Promise<void> {
    await writeFile(this.file, renderGradescope(doc))
  }
}
