/** Users' p95 under attack may be at most this many times the starter's users' p95 meanwhile (the README's). */
export const LATENCY_RATIO = 2

/**
 * p95 latencies (ms) during the attack round: the 5 users on the app under attack, and 5 other users
 * with the same plan on the lab's starter, which no bot sends to. Both are measured at the same
 * moment on the same machine, and the app has no say in the starter's: neither holding its own
 * answers back nor telling the rounds apart widens its allowance.
 */
export interface AttackLatencies {
  attacked: number | undefined
  starterMeanwhile: number | undefined
}

export type LatencyVerdict =
  | { kind: 'pass'; allowedMs: number }
  | { kind: 'fail'; allowedMs: number }
  /** The starter's users got no answer at all: the grader's yardstick is missing, not the learner's. */
  | { kind: 'no-starter-baseline' }

export function latencyVerdict({ attacked, starterMeanwhile }: AttackLatencies): LatencyVerdict {
  if (starterMeanwhile === undefined) return { kind: 'no-starter-baseline' }
  const allowedMs = LATENCY_RATIO * starterMeanwhile
  return attacked !== undefined && attacked <= allowedMs
    ? { kind: 'pass', allowedMs }
    : { kind: 'fail', allowedMs }
}
