import { BadInputError } from '@backend-labs/lab-kit'

/** One of `count` shards, numbered from 1 (as `--shard 1/4` … `4/4`). */
export interface Shard {
  index: number
  count: number
}

/** Parses `i/n` (1 ≤ i ≤ n). */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim())
  const index = Number(match?.[1])
  const count = Number(match?.[2])
  if (!match || count < 1 || index < 1 || index > count) {
    throw new BadInputError(
      `--shard ${text} is not a shard`,
      'write i/n with 1 ≤ i ≤ n, e.g. --shard 1/4 (in a Kubernetes Indexed Job: $((JOB_COMPLETION_INDEX + 1))/N)',
    )
  }
  return { index, count }
}

/**
 * The learners of one shard: sorted by id, then every n-th from the i-th. Deterministic for a given
 * roster whatever its row order, and balanced (shard sizes differ by at most one).
 */
export function selectShard<T extends { learner: string }>(entries: readonly T[], shard?: Shard): T[] {
  const sorted = [...entries].sort((a, b) => compareIds(a.learner, b.learner))
  if (!shard) return sorted
  return sorted.filter((_, i) => i % shard.count === shard.index - 1)
}

/** Code-point order: the same on every machine and locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
