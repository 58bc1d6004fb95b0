import { decideRatio, type RatioDecision, type RatioRule } from './ratio-decision.ts'

/** One round: the baseline and the candidate measured back to back (in alternating order). */
export interface RoundPair<T> {
  baseline: T
  candidate: T
}

export interface AlternatingOptions<T, K extends string> {
  baseline: () => Promise<T>
  candidate: () => Promise<T>
  /** The ratios a round yields (candidate ÷ baseline), by name. */
  ratios: (round: RoundPair<T>) => Record<K, number>
  rules: Record<K, RatioRule>
  /** Rounds always run (default 3). */
  minRounds?: number
  /** Rounds at most, added one at a time while a rule is undecided (default 5). */
  maxRounds?: number
  /** Ends the rounds early with the decisions so far (a check's timeout). */
  signal?: AbortSignal
}

export interface AlternatingOutcome<T, K extends string> {
  rounds: RoundPair<T>[]
  decisions: Record<K, RatioDecision>
}

/**
 * Measures a baseline and a candidate alternately (B C, C B, B C, …) so that a change in machine
 * load hits both alike, then decides each ratio rule on the per-round ratios. Rounds are added
 * while a rule is still undecided, up to `maxRounds`; an undecided rule then stays undecided.
 */
export async function compareAlternately<T, K extends string>(
  options: AlternatingOptions<T, K>,
): Promise<AlternatingOutcome<T, K>> {
  const minRounds = options.minRounds ?? 3
  const maxRounds = Math.max(minRounds, options.maxRounds ?? 5)
  const rounds: RoundPair<T>[] = []
  const keys = Object.keys(options.rules) as K[]
  const decide = () =>
    Object.fromEntries(
      keys.map((k) => [
        k,
        decideRatio(
          rounds.map((r) => options.ratios(r)[k]),
          options.rules[k],
        ),
      ]),
    ) as Record<K, RatioDecision>
  let decisions: Record<K, RatioDecision> | undefined
  while (rounds.length < maxRounds) {
    options.signal?.throwIfAborted()
    if (rounds.length % 2 === 0) {
      const baseline = await options.baseline()
      rounds.push({ baseline, candidate: await options.candidate() })
    } else {
      const candidate = await options.candidate()
      rounds.push({ baseline: await options.baseline(), candidate })
    }
    if (rounds.length < minRounds) continue
    decisions = decide()
    if (keys.every((k) => decisions?.[k].verdict !== 'undecided')) break
  }
  return { rounds, decisions: decisions ?? decide() }
}
