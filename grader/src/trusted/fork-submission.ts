import { existsSync } from 'node:fs'
import { readdir, readFile, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { BadInputError } from '@backend-labs/lab-kit'
import type { Lab } from '../engine/lab.ts'
import type { SubmissionSource } from '../engine/submission-source.ts'
import { TRUSTED_PATHS } from './trusted-sources.ts'

/** A learner's repository, taken as data: only each lab's declared submission is read from it. */
export interface ForkSubmission {
  dir: string
  /** Where the lab's submission sits in the fork: its workspace folder, or its bundle for git labs. */
  sourceFor(lab: Lab): SubmissionSource
  /** Files the fork changed outside learner areas: ignored, and listed as a warning. */
  protectedEdits: string[]
}

const SKIPPED = new Set(['.git', 'node_modules', '.turbo', '.labs'])
/** Written by `labs export-template`, so a learner's copy differs from the course there by design. */
const TEMPLATE_ONLY = /^grader\/(suites\.sealed$|\.unsealed-)/
const LEARNER_AREA = /^labs\/[^/]+\/[^/]+\/(workspace\/|[^/]+\.bundle$)/
/** A fork that holds more than this many entries is not a course repository. */
const MAX_ENTRIES = 50_000

/** The learner areas of one lab inside a repository checkout. */
export function forkSource(dir: string, lab: Lab): SubmissionSource {
  const labDir = join(dir, 'labs', lab.id)
  const path =
    lab.manifest.submission.type === 'git'
      ? join(labDir, lab.manifest.submission.bundle)
      : join(labDir, 'workspace')
  return { kind: 'path', path }
}

/**
 * Reads a learner's fork as data: never runs anything in it (not even git, whose repository config
 * can run commands). Lists every file under the trusted paths (labs/, grader/, packages/, .ci/,
 * lockfile…) outside the learner areas that differs from the trusted tree. The learner's own CI
 * workflows are not compared: the grade of record never runs them.
 */
export async function readFork(forkDir: string, trustedRoot: string): Promise<ForkSubmission> {
  const dir = resolve(forkDir)
  if (!existsSync(dir) || !(await stat(dir)).isDirectory())
    throw new BadInputError(
      `there is no repository folder at ${forkDir}`,
      'pass the checkout of the learner repository with --fork',
    )
  const protectedEdits: string[] = []
  let entries = 0
  const walk = async (rel: string) => {
    for (const entry of await readdir(join(dir, rel), { withFileTypes: true })) {
      if (++entries > MAX_ENTRIES)
        throw new BadInputError(
          `${forkDir} holds more than ${MAX_ENTRIES} files`,
          'grade a checkout of the course repository',
        )
      if (SKIPPED.has(entry.name)) continue
      const path = rel ? `${rel}/${entry.name}` : entry.name
      if (!rel && !TRUSTED_PATHS.includes(entry.name)) continue
      if (TEMPLATE_ONLY.test(path)) continue
      if (LEARNER_AREA.test(entry.isDirectory() ? `${path}/` : path)) continue
      if (entry.isDirectory()) await walk(path)
      else if (entry.isFile() || entry.isSymbolicLink()) {
        const mine = entry.isFile() ? await readFile(join(dir, path)) : undefined
        const trusted = await readFile(join(trustedRoot, path)).catch(() => undefined)
        if (!mine || !trusted || !mine.equals(trusted)) protectedEdits.push(path)
      }
    }
  }
  await walk('')
  return { dir, sourceFor: (lab) => forkSource(dir, lab), protectedEdits: protectedEdits.sort() }
}

/** The warning a report carries when a fork changed protected files. */
export function protectedEditsNotice(edits: string[]): string | undefined {
  if (edits.length === 0) return undefined
  const shown = edits.slice(0, 10).join(', ')
  return `warning: ignored ${edits.length} edit${edits.length === 1 ? '' : 's'} outside your submission (checks, grader, CI and lockfiles always come from the course): ${shown}${edits.length > 10 ? ', …' : ''}`
}
