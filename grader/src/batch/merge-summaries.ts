import { BadInputError } from '@backend-labs/lab-kit'
import type { BatchLearner, BatchSummary } from './batch-summary.ts'

/**
 * Joins the summaries of a batch's shards. They must grade the same labs, and no learner may appear
 * in two shards with different rows (the same row twice is accepted: a re-run shard).
 */
export function mergeSummaries(parts: { name: string; summary: BatchSummary }[]): {
  labs: string[]
  learners: BatchLearner[]
} {
  const [first] = parts
  if (!first) throw new BadInputError('name at least one shard output to merge')
  const labs = first.summary.labs
  const from = new Map<string, { name: string; row: BatchLearner }>()
  for (const { name, summary } of parts) {
    if (summary.labs.join('\n') !== labs.join('\n')) {
      throw new BadInputError(
        `${name} grades labs ${summary.labs.join(', ')} but ${first.name} grades ${labs.join(', ')}`,
        'merge only shards of one batch (same --lab list)',
      )
    }
    for (const row of summary.learners) {
      const earlier = from.get(row.learner)
      if (earlier && JSON.stringify(earlier.row) !== JSON.stringify(row)) {
        throw new BadInputError(
          `learner "${row.learner}" is in both ${earlier.name} and ${name}, with different results`,
          'each learner belongs to one shard: merge the outputs of one --shard i/n split',
        )
      }
      from.set(row.learner, { name, row })
    }
  }
  return { labs, learners: [...from.values()].map((v) => v.row) }
}
