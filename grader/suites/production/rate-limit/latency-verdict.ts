/** Users' p95 under attack may be at most this many times their p95 without it (the README's). */
export const LATENCY_RATIO = 2
/**
 * Their p95 without attack counts as the baseline only up to this many times the starter's p95,
 * measured in the same round by other users of the same plan: an app that holds back its answers
 * to look slow without attack cannot widen its allowance under attack.
 */
export const STARTER_SLACK = 2

/** p95 latencies (ms) of the same users' plan: on the app and on the starter without attack, on the app under attack. */
export interface AttackLatencies {
  alone: number | undefined
  starterAlone: number | undefined
  attacked: number | undefined
}

export type LatencyVerdict =
  | { kind: 'pass'; baselineMs: number }
  /** `padded`: the app's own baseline was over the starter's allowance, so the starter's set the bar. */
  | { kind: 'fail'; baselineMs: number | undefined; padded: boolean }
  /** The starter's users got no answer at all: the grader's baseline is missing, not the learner's. */
  | { kind: 'no-starter-baseline' }

export function latencyVerdict({ alone, starterAlone, attacked }: AttackLatencies): LatencyVerdict {
  if (starterAlone === undefined) return { kind: 'no-starter-baseline' }
  const allowance = STARTER_SLACK * starterAlone
  if (alone === undefined || attacked === undefined) return { kind: 'fail', baselineMs: alone, padded: false }
  const padded = alone > allowance
  const baselineMs = Math.min(alone, allowance)
  return attacked <= LATENCY_RATIO * baselineMs
    ? { kind: 'pass', baselineMs }
    : { kind: 'fail', baselineMs, padded }
}
