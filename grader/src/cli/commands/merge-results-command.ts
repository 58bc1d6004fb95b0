import { BadInputError, ExitCode } from '@backend-labs/lab-kit'
import { mergeSummaries } from '../../batch/merge-summaries.ts'
import { ResultStore, readSummary } from '../../batch/result-store.ts'
import type { CommandSpec } from '../command-spec.ts'

export const mergeResultsCommand: CommandSpec = {
  name: 'merge-results',
  args: '<shards...>',
  summary: "Join the outputs of a batch's shards into one gradebook",
  options: [
    {
      flags: '--out <dir>',
      description: 'where to write the merged gradebook.csv, summary.json and results/',
    },
  ],
  async run(app, shards, options) {
    if (!options.out)
      throw new BadInputError('merge-results needs --out', 'e.g. labs merge-results shard-* --out grades')
    const parts = await Promise.all(shards.map(async (name) => ({ name, summary: await readSummary(name) })))
    const { labs, learners } = mergeSummaries(parts)
    const store = new ResultStore(String(options.out))
    for (const row of learners) await store.save(row)
    const summary = await store.publish(labs, learners)
    const notGraded = summary.learners.filter((l) => l.status === 'error').length
    app.out(
      `Merged ${parts.length} shard(s): ${summary.learners.length} learner(s) on ${labs.join(', ')}, ${notGraded} not graded.\n`,
    )
    app.out(`Wrote ${String(options.out).replace(/\/$/, '')}/gradebook.csv and summary.json.\n`)
    return notGraded ? ExitCode.checksFailed : ExitCode.ok
  },
}
