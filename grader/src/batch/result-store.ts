import { existsSync } from 'node:fs'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { BadInputError } from '@backend-labs/lab-kit'
import {
  BATCH_SUMMARY_KIND,
  BATCH_SUMMARY_VERSION,
  type BatchLearner,
  type BatchSummary,
} from './batch-summary.ts'
import { gradebookCsv } from './gradebook-csv.ts'
import { compareIds } from './shard.ts'

/** Writes a file whole or not at all: an interrupted batch never leaves half a result behind. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`
  await writeFile(tmp, text)
  await rename(tmp, file)
}

/** The output folder of a batch: `results/<learner>.json`, `summary.json`, `gradebook.csv`. */
export class ResultStore {
  constructor(readonly dir: string) {}

  private file(learner: string): string {
    return join(this.dir, 'results', `${learner}.json`)
  }

  async save(row: BatchLearner): Promise<void> {
    await mkdir(join(this.dir, 'results'), { recursive: true })
    await writeAtomically(this.file(row.learner), `${JSON.stringify(row, null, 2)}\n`)
  }

  /** A learner's saved row, or undefined if there is none or it cannot be read. */
  async load(learner: string): Promise<BatchLearner | undefined> {
    const file = this.file(learner)
    if (!existsSync(file)) return undefined
    try {
      const row = JSON.parse(await readFile(file, 'utf8')) as BatchLearner
      return row.learner === learner && Array.isArray(row.results) ? row : undefined
    } catch {
      return undefined
    }
  }

  /** Writes summary.json and gradebook.csv for these rows (sorted by learner). */
  async publish(labs: string[], rows: BatchLearner[], now = new Date()): Promise<BatchSummary> {
    const summary: BatchSummary = {
      kind: BATCH_SUMMARY_KIND,
      version: BATCH_SUMMARY_VERSION,
      generatedAt: now.toISOString(),
      labs,
      learners: [...rows].sort((a, b) => compareIds(a.learner, b.learner)),
    }
    await mkdir(this.dir, { recursive: true })
    await writeAtomically(join(this.dir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`)
    await writeAtomically(join(this.dir, 'gradebook.csv'), gradebookCsv(summary))
    return summary
  }
}

/** Reads a batch's summary.json (a file, or a folder holding one), checking its kind and version. */
export async function readSummary(path: string): Promise<BatchSummary> {
  const file = path.endsWith('.json') ? path : join(path, 'summary.json')
  let data: Partial<BatchSummary>
  try {
    data = JSON.parse(await readFile(file, 'utf8'))
  } catch (error) {
    throw new BadInputError(
      `cannot read ${file}: ${(error as Error).message.split('\n')[0]}`,
      'pass the summary.json (or the --out folder) that `labs grade-batch` wrote',
    )
  }
  if (data.kind !== BATCH_SUMMARY_KIND || data.version !== BATCH_SUMMARY_VERSION) {
    throw new BadInputError(
      `${file} is not a batch summary (kind ${JSON.stringify(data.kind)}, version ${JSON.stringify(data.version)})`,
      `expected kind "${BATCH_SUMMARY_KIND}", version ${BATCH_SUMMARY_VERSION}, as written by \`labs grade-batch\``,
    )
  }
  if (!Array.isArray(data.labs) || !Array.isArray(data.learners))
    throw new BadInputError(`${file}: "labs" and "learners" must be arrays`)
  return data as BatchSummary
}
