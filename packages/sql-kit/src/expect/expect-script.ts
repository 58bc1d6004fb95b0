import { fail } from '@backend-labs/lab-kit'
import type { ScriptRun } from '../live/run-script.ts'
import type { StaticResult } from '../static/static-result.ts'

/**
 * The learner's script must run cleanly: on the static engine no syntax, semantic or not-allowed
 * issue (unsupported forms are reported too: the grader does not guess); on the live engine no error.
 * Fails with the first problem at file:line.
 */
export function expectScriptRan(result: StaticResult | ScriptRun): void {
  if ('issues' in result) {
    const issue = result.issues[0]
    if (!issue) return
    const more = result.issues.length > 1 ? ` (and ${result.issues.length - 1} more problem(s))` : ''
    fail({
      expected: 'your script to run without errors',
      found: `${issue.message}${more}`,
      where: `${issue.file}:${issue.line}`,
      ...(issue.kind === 'unsupported' ? { hint: 'write this part in a more common form' } : {}),
    })
  }
  const error = result.errors[0]
  if (!error) return
  fail({
    expected: 'your script to run without errors',
    found: error.number !== undefined ? `SQL Server error ${error.number}: ${error.message}` : error.message,
    where: `${error.file}:${error.line}`,
  })
}
