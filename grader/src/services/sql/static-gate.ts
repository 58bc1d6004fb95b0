import { fail } from '@backend-labs/lab-kit'
import type { EngineName, StaticIssue, StaticNote, StaticResult } from '@backend-labs/sql-kit'

/** Issues that stop a submission before any server starts, whatever the engine. */
const FAST: readonly StaticIssue['kind'][] = ['syntax', 'not-allowed']

/**
 * Judges the static reading of the scripts. Syntax errors and forbidden statements fail at once at
 * file:line under both engines. Under the live engine the server is the authority on everything
 * else, so forms the parser cannot model are only notes; under the static engine every issue fails,
 * and an unsupported form says that the live engine would grade it. Returns the notes.
 */
export function judgeStaticResult(result: StaticResult, engine: EngineName): string[] {
  const failing = result.issues.filter((i) => engine === 'static' || FAST.includes(i.kind))
  const first = failing[0]
  if (first) {
    const more = failing.length > 1 ? ` (and ${failing.length - 1} more problem(s) after it)` : ''
    fail({
      expected: 'your script to run without errors',
      found: `${first.kind === 'unsupported' ? unsupportedText(first) : first.message}${more}`,
      where: `${first.file}:${first.line}`,
      ...(first.kind === 'unsupported'
        ? {
            hint: 'write this part in a more common form, or grade where Docker and the SQL Server image are available',
          }
        : {}),
    })
  }
  const unsupported = result.issues
    .filter((i) => i.kind === 'unsupported')
    .map((i) => `${i.file}:${i.line}: the static reader skipped this form (${i.message}); SQL Server ran it`)
  // Under live the server runs the INSERTs and SELECTs, so the static reader's notes about them do not apply.
  return engine === 'static' ? [...unsupported, ...summariseNotes(result.notes)] : unsupported
}

function unsupportedText(issue: StaticIssue): string {
  return `${issue.message}: the static engine cannot read this form, so it cannot grade it (the live engine, a real SQL Server, would)`
}

/** One line per file and kind of note: "load.sql: INSERT statements are not run … (40 statements, from line 3)". */
export function summariseNotes(notes: readonly StaticNote[]): string[] {
  const groups = new Map<string, { note: StaticNote; count: number }>()
  for (const note of notes) {
    const key = `${note.file}\u0000${note.message}`
    const group = groups.get(key)
    if (group) group.count++
    else groups.set(key, { note, count: 1 })
  }
  return [...groups.values()].map(({ note, count }) =>
    count === 1
      ? `${note.file}:${note.line}: ${note.message}`
      : `${note.file}: ${note.message} (${count} statements, from line ${note.line})`,
  )
}
