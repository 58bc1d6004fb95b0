import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BadInputError, ExitCode } from '@backend-labs/lab-kit'
import { batchLabs, checkSubmissionsDir } from '../../batch/batch-labs.ts'
import { BatchProgress } from '../../batch/batch-progress.ts'
import type { BatchSummary } from '../../batch/batch-summary.ts'
import { compareSummaries, formatScoreChanges } from '../../batch/regrade-compare.ts'
import { readSummary } from '../../batch/result-store.ts'
import { readRoster } from '../../batch/roster.ts'
import { runBatch } from '../../batch/run-batch.ts'
import { resolveTrustedSources } from '../../batch/trusted-sources.ts'
import type { AppContext } from '../app-context.ts'
import type { CommandSpec } from '../command-spec.ts'
import { positiveInt } from './grade-batch-command.ts'

async function gradeAgain(
  app: AppContext,
  dir: string,
  options: Record<string, unknown>,
  previous: BatchSummary,
): Promise<BatchSummary> {
  if (!options.roster) throw new BadInputError('regrade needs --roster to grade the submissions again')
  const submissionsDir = checkSubmissionsDir(dir)
  const roster = await readRoster(String(options.roster))
  const named = (options.lab as string | undefined) ?? previous.labs.join(',')
  const labs = await batchLabs(app.catalog, submissionsDir, roster, named)
  // Without --out the new grades go to a scratch folder: nothing is published by a preview.
  const scratch = options.out ? undefined : await mkdtemp(join(tmpdir(), 'labs-regrade-'))
  try {
    const concurrency = positiveInt('--concurrency', options.concurrency)
    const progress = new BatchProgress(roster.length)
    const report = await runBatch({
      submissionsDir,
      roster,
      outDir: scratch ?? String(options.out),
      labs,
      sources: await resolveTrustedSources(),
      ...(concurrency ? { concurrency } : {}),
      usesSql: (await Promise.all(labs.map((id) => app.catalog.load(id)))).some((l) =>
        l.manifest.services.includes('sql'),
      ),
      onSubmissionEnd: (row) => progress.tick(row.status === 'error'),
    })
    progress.end()
    return report.summary
  } finally {
    if (scratch) await rm(scratch, { recursive: true, force: true })
  }
}

export const regradeCommand: CommandSpec = {
  name: 'regrade',
  args: '[dir]',
  summary: 'Preview a regrade: whose scores change against an earlier batch, and why',
  options: [
    { flags: '--compare <summary>', description: "the earlier batch's summary.json (or its --out folder)" },
    { flags: '--roster <csv>', description: 'the learners, to grade <dir> again' },
    { flags: '--current <summary>', description: 'compare this summary instead of grading again' },
    { flags: '--out <dir>', description: 'keep the new grades here (default: a scratch folder, removed)' },
    { flags: '--lab <ids>', description: 'the labs to grade (default: those of the earlier batch)' },
    { flags: '--concurrency <n>', description: 'submissions graded at once (default: one per core)' },
    { flags: '--json <file>', description: 'also write the changes as JSON' },
  ],
  async run(app, [dir], options) {
    if (!options.compare) throw new BadInputError('regrade needs --compare PREVIOUS.json')
    if (!dir && !options.current) {
      throw new BadInputError('name the submissions folder to grade again, or pass --current SUMMARY.json')
    }
    const previous = await readSummary(String(options.compare))
    const current = options.current
      ? await readSummary(String(options.current))
      : await gradeAgain(app, dir!, options, previous)
    const changes = compareSummaries(previous, current)
    app.out(formatScoreChanges(changes))
    if (options.json) await writeFile(String(options.json), `${JSON.stringify(changes, null, 2)}\n`)
    return ExitCode.ok
  },
}
