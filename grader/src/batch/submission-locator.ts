import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Lab } from '../engine/lab.ts'

/**
 * Where a learner's work on one lab may sit inside their entry of the submissions folder, in order:
 * - a clone of the learner's course repository: `labs/<track>/<slug>/submission.bundle` (what
 *   `labs submit` writes) or `labs/<track>/<slug>/workspace/` (a files lab);
 * - a flat folder per learner: `<track>/<slug>.bundle` or `<track>/<slug>/` (a clone or files);
 * - when the batch grades one lab only: the entry itself (a bundle, a clone or a folder of files).
 */
export function submissionCandidates(lab: Lab, entry: string, onlyLab: boolean): string[] {
  const candidates =
    lab.manifest.submission.type === 'git'
      ? [
          join(entry, 'labs', lab.track, lab.slug, lab.manifest.submission.bundle),
          join(entry, lab.track, `${lab.slug}.bundle`),
          join(entry, lab.track, lab.slug),
        ]
      : [join(entry, 'labs', lab.track, lab.slug, 'workspace'), join(entry, lab.track, lab.slug)]
  return onlyLab ? [...candidates, entry] : candidates
}

function usable(path: string, lab: Lab, entry: string): boolean {
  if (!existsSync(path)) return false
  const stat = statSync(path)
  if (lab.manifest.submission.type === 'files') return stat.isDirectory()
  // The entry itself, as a folder, counts only if it is a repository; a nested lab folder may be
  // a broken clone, which staging then reports.
  return stat.isFile() || path !== entry || existsSync(join(path, '.git'))
}

/** The first usable candidate, or undefined when the learner submitted nothing for this lab. */
export function locateSubmission(lab: Lab, entry: string, onlyLab: boolean): string | undefined {
  return submissionCandidates(lab, entry, onlyLab).find((path) => usable(path, lab, entry))
}
