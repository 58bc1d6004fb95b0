import { existsSync } from 'node:fs'
import { dirname, relative } from 'node:path'
import type { LabResult } from '@backend-labs/lab-kit'
import { gradeLab } from '../engine/grade-lab.ts'
import { LabCatalog } from '../engine/lab-catalog.ts'
import type { BatchLearner } from './batch-summary.ts'
import { locateSubmission, submissionCandidates } from './submission-locator.ts'
import { pathsFor, type TrustedSources } from './trusted-sources.ts'

/** What a worker is asked to grade: one learner's entry, every lab of the batch. */
export interface SubmissionTask {
  learner: string
  submission: string
  /** Absolute path of the learner's entry in the submissions folder. */
  entry: string
  labs: string[]
  sources: TrustedSources
  engine?: string
}

/** Longest learner-facing message kept in a batch result: a submission cannot bloat the gradebook. */
export const MAX_MESSAGE_CHARS = 2000

/**
 * A message as the batch keeps it: paths inside the submissions folder written from it (the same
 * on every machine a shard runs on), and at most {@link MAX_MESSAGE_CHARS} characters.
 */
function tidy(text: string, submissionsDir: string): string {
  const local = text.split(`${submissionsDir}/`).join('')
  return local.length > MAX_MESSAGE_CHARS ? `${local.slice(0, MAX_MESSAGE_CHARS)}… (truncated)` : local
}

function tidyResult(result: LabResult, submissionsDir: string): LabResult {
  return {
    ...result,
    checks: result.checks.map((c) => (c.message ? { ...c, message: tidy(c.message, submissionsDir) } : c)),
    ...(result.error
      ? { error: { ...result.error, message: tidy(result.error.message, submissionsDir) } }
      : {}),
  }
}

const catalogs = new Map<string, LabCatalog>()

/**
 * Grades one learner's entry on every lab of the batch, each through `gradeLab` (the same staging,
 * services and limits as `labs grade`). A lab with nothing submitted is an error result of that lab.
 */
export async function gradeSubmission(task: SubmissionTask): Promise<BatchLearner> {
  const row: BatchLearner = {
    learner: task.learner,
    submission: task.submission,
    status: 'graded',
    results: [],
  }
  const key = `${task.sources.root}\n${task.sources.suitesDir}`
  const paths = pathsFor(task.sources)
  const catalog = catalogs.get(key) ?? new LabCatalog(paths)
  catalogs.set(key, catalog)
  for (const id of task.labs) {
    const lab = await catalog.load(id)
    const found = existsSync(task.entry)
      ? locateSubmission(lab, task.entry, task.labs.length === 1)
      : undefined
    if (!found) {
      const tried = submissionCandidates(lab, task.entry, task.labs.length === 1).map((p) =>
        relative(dirname(task.entry), p),
      )
      row.results.push({
        id,
        title: lab.manifest.title,
        status: 'error',
        score: 0,
        maxScore: 0,
        checks: [],
        error: {
          kind: 'bad-input',
          message: `nothing submitted for ${id}`,
          hint: `looked for ${tried.join(', ')}`,
        },
        durationMs: 0,
      })
      continue
    }
    const result = await gradeLab(lab, paths, {
      source: { kind: 'path', path: found },
      ...(task.engine ? { engine: task.engine } : {}),
    })
    row.results.push(tidyResult(result, dirname(task.entry)))
  }
  return row
}
