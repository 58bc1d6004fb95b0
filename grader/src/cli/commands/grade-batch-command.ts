import { BadInputError, ExitCode } from '@backend-labs/lab-kit'
import { batchLabs, checkSubmissionsDir } from '../../batch/batch-labs.ts'
import { BatchProgress } from '../../batch/batch-progress.ts'
import { readRoster } from '../../batch/roster.ts'
import { runBatch } from '../../batch/run-batch.ts'
import { parseShard, selectShard } from '../../batch/shard.ts'
import { resolveTrustedSources } from '../../batch/trusted-sources.ts'
import type { CommandSpec } from '../command-spec.ts'
import { startHousekeeping } from '../sweep-leftovers.ts'

/** A positive whole number from a flag, or bad input naming the flag. */
export function positiveInt(flag: string, value: unknown): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1)
    throw new BadInputError(`${flag} ${String(value)} must be a whole number ≥ 1`)
  return n
}

export const gradeBatchCommand: CommandSpec = {
  name: 'grade-batch',
  args: '<dir>',
  summary: 'Grade a folder of submissions (a class) into a gradebook; resumes if interrupted',
  options: [
    { flags: '--roster <csv>', description: 'the learners: a CSV with a learner column (and submission)' },
    { flags: '--out <dir>', description: 'where to write gradebook.csv, summary.json and results/' },
    {
      flags: '--lab <ids>',
      description: 'the labs to grade, comma-separated (default: every lab submitted)',
    },
    { flags: '--shard <i/n>', description: 'grade only shard i of n (merge them with `labs merge-results`)' },
    { flags: '--concurrency <n>', description: 'submissions graded at once (default: one per core)' },
    {
      flags: '--timeout-s <s>',
      description: "hard limit on one submission's grade (default: labs × lab limit)",
    },
    {
      flags: '--engine <engine>',
      description: 'force a grading engine where a track has several (live|static)',
    },
  ],
  async run(app, [dir], options) {
    if (!options.roster || !options.out) {
      throw new BadInputError(
        'grade-batch needs --roster and --out',
        'e.g. labs grade-batch subs --roster roster.csv --out grades',
      )
    }
    const submissionsDir = checkSubmissionsDir(dir!)
    const roster = await readRoster(String(options.roster))
    const shard = options.shard ? parseShard(String(options.shard)) : undefined
    const concurrency = positiveInt('--concurrency', options.concurrency)
    const timeoutS = positiveInt('--timeout-s', options.timeoutS)
    const sources = await resolveTrustedSources()
    const labIds = await batchLabs(app.catalog, submissionsDir, roster, options.lab as string | undefined)
    const labs = await Promise.all(labIds.map((id) => app.catalog.load(id)))
    const housekeeping = startHousekeeping(labs, () => {})
    const progress = new BatchProgress(selectShard(roster, shard).length)
    const report = await runBatch({
      submissionsDir,
      roster,
      outDir: String(options.out),
      labs: labIds,
      sources,
      ...(shard ? { shard } : {}),
      ...(concurrency ? { concurrency } : {}),
      ...(timeoutS ? { timeoutMs: timeoutS * 1000 } : {}),
      ...(options.engine ? { engine: String(options.engine) } : {}),
      usesContainers: labs.some((l) => l.manifest.services.some((s) => s !== 'git')),
      usesSql: labs.some((l) => l.manifest.services.includes('sql')),
      onSubmissionEnd: (row) => progress.tick(row.status === 'error'),
    })
    progress.end()
    await housekeeping.finish()
    const { learners } = report.summary
    const failed = learners.filter((l) => l.status === 'error')
    const shardText = shard ? ` (shard ${shard.index}/${shard.count})` : ''
    const resumedText = report.resumed ? `, ${report.resumed} kept from an earlier run` : ''
    app.out(
      `Graded ${learners.length} learner(s) on ${labIds.join(', ')}${shardText}${resumedText}: ` +
        `${learners.length - failed.length} graded, ${failed.length} not graded.\n`,
    )
    for (const row of failed) app.out(`  ${row.learner}: ${row.error}\n`)
    const out = String(options.out).replace(/\/$/, '')
    app.out(`Wrote ${out}/gradebook.csv and ${out}/summary.json.\n`)
    return failed.length ? ExitCode.checksFailed : ExitCode.ok
  },
}
