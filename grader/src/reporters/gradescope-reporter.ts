import { writeFile } from 'node:fs/promises'
import type { ResultsDocument } from '@backend-labs/lab-kit'
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
      output: plainText([c.message, ...(c.hints ?? []).map((h) => `hint: ${h}`)].filter(Boolean).join('\n')),
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
  return `${JSON.stringify({ score, execution_time: Math.round(doc.durationMs / 1000), tests }, null, 2)}\n`
}

export class GradescopeReporter implements Reporter {
  constructor(private readonly file: string) {}

  async onFinish(doc: ResultsDocument): Promise<void> {
    await writeFile(this.file, renderGradescope(doc))
  }
}
