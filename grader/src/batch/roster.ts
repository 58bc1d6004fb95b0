import { readFile } from 'node:fs/promises'
import { BadInputError } from '@backend-labs/lab-kit'
import { parseCsv } from './csv.ts'

/** One learner of the class and the name of their entry in the submissions folder. */
export interface RosterEntry {
  learner: string
  submission: string
}

/** Learner ids name result files, so they are kept to characters safe in a file name. */
const SAFE_ID = /^[A-Za-z0-9_@+-][A-Za-z0-9._@+-]*$/

/**
 * Reads a roster CSV: a header with a `learner` column and optionally a `submission` column (the
 * entry's name in the submissions folder; the learner id when absent). Other columns are ignored.
 */
export function parseRoster(text: string, display: string): RosterEntry[] {
  const [header, ...rows] = parseCsv(text)
  if (!header)
    throw new BadInputError(`${display}: the roster is empty`, 'write a header line: learner,submission')
  const names = header.fields.map((f) => f.trim().toLowerCase())
  const learnerAt = names.indexOf('learner')
  const submissionAt = names.indexOf('submission')
  if (learnerAt < 0) {
    throw new BadInputError(
      `${display}:${header.line}: the header has no "learner" column (found: ${header.fields.join(', ')})`,
      'the first line names the columns, e.g. learner,submission',
    )
  }
  const seen = new Map<string, number>()
  return rows.map(({ line, fields }) => {
    const learner = (fields[learnerAt] ?? '').trim()
    const submission = (submissionAt >= 0 ? (fields[submissionAt] ?? '').trim() : '') || learner
    if (!SAFE_ID.test(learner)) {
      throw new BadInputError(
        `${display}:${line}: "${learner}" is not a usable learner id`,
        'use letters, digits and . _ @ + - (it names the learner’s result file)',
      )
    }
    if (submission.includes('/') || submission === '..' || submission === '.') {
      throw new BadInputError(
        `${display}:${line}: submission "${submission}" must be a name inside the submissions folder`,
        'give the name of the learner’s folder or bundle, without a path',
      )
    }
    const first = seen.get(learner)
    if (first !== undefined) {
      throw new BadInputError(
        `${display}:${line}: learner "${learner}" is listed twice (first on line ${first})`,
      )
    }
    seen.set(learner, line)
    return { learner, submission }
  })
}

/** Reads and parses a roster file. */
export async function readRoster(file: string, display = file): Promise<RosterEntry[]> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new BadInputError(`cannot read the roster ${display}`, 'pass a CSV file with --roster')
  })
  return parseRoster(text, display)
}
