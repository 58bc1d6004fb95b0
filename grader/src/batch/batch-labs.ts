import { existsSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { BadInputError } from '@backend-labs/lab-kit'
import type { LabCatalog } from '../engine/lab-catalog.ts'
import type { RosterEntry } from './roster.ts'
import { locateSubmission } from './submission-locator.ts'

/** The submissions folder, checked: a clear message if it is missing. */
export function checkSubmissionsDir(dir: string): string {
  const path = resolve(dir)
  if (!existsSync(path) || !statSync(path).isDirectory()) {
    throw new BadInputError(
      `there is no submissions folder at ${dir}`,
      'pass the folder holding one entry per learner',
    )
  }
  return path
}

/**
 * The labs a batch grades: those named with `--lab` (comma-separated), or else every lab that some
 * entry of the whole roster (not just one shard, so that every shard agrees) has a submission for.
 */
export async function batchLabs(
  catalog: LabCatalog,
  submissionsDir: string,
  roster: RosterEntry[],
  named?: string,
): Promise<string[]> {
  if (named) {
    const ids = [
      ...new Set(
        named
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ]
    for (const id of ids) await catalog.load(id)
    return ids
  }
  const found: string[] = []
  for (const id of await catalog.ids()) {
    const lab = await catalog.load(id)
    if (roster.some((e) => locateSubmission(lab, resolve(submissionsDir, e.submission), false)))
      found.push(id)
  }
  if (found.length === 0) {
    throw new BadInputError(
      `found no lab submissions in ${submissionsDir} for the roster's learners`,
      'name the lab with --lab (needed when each entry is itself a bundle, a clone or a folder of files)',
    )
  }
  return found
}
