import {
  compareAlternately,
  describeLoadErrors,
  describeRatio,
  type LoadResult,
  type RatioDecision,
  type RoundPair,
} from '@backend-labs/http-kit'
import { cannotDecide, expectAll, fail } from '@backend-labs/lab-kit'
import type { Pausable } from '../../../../labs/production/many-users/catalog-api.ts'

/** The README's thresholds: your app ÷ the starter, measured in the same run. */
export const SPEEDUP_AT_LEAST = 3
export const P99_RATIO_AT_MOST = 0.5
export const MIN_ROUNDS = 3
/** From 6 rounds on, the median's interval leaves out the single lowest and highest round. */
export const MAX_ROUNDS = 7

type Metric = 'throughput' | 'p99'

/** One side's round: the load that is measured, and any background load that must also go well. */
export interface SideRound {
  measured: LoadResult
  background?: LoadResult
}

/** 2xx answers per second: errors are not throughput. */
function goodPerSec(r: LoadResult): number {
  let ok = 0
  for (const [status, n] of r.statuses) if (status >= 200 && status <= 299) ok += n
  return ok / (r.durationMs / 1000)
}

/** A side that answered nothing kept every request waiting the whole round. */
function p99Of(r: LoadResult): number {
  return r.answered ? r.latencyMs.p99 : r.durationMs
}

function ratios(round: RoundPair<SideRound>): Record<Metric, number> {
  return {
    throughput: goodPerSec(round.candidate.measured) / Math.max(goodPerSec(round.baseline.measured), 1e-9),
    p99: p99Of(round.candidate.measured) / Math.max(p99Of(round.baseline.measured), 1e-9),
  }
}

function perSide(rounds: RoundPair<SideRound>[], side: 'baseline' | 'candidate'): string {
  return rounds
    .map((r) => {
      const { measured, background } = r[side]
      const meanwhile = background
        ? ` (meanwhile ${background.statuses.get(200) ?? 0} background answers 200)`
        : ''
      return `${goodPerSec(measured).toFixed(0)}/s, p99 ${p99Of(measured).toFixed(0)} ms${meanwhile}`
    })
    .join('; ')
}

/** Runs a side's round with the other side's containers paused (and unpaused after, whatever happens). */
function aloneWhile(others: Pausable[]) {
  return async <T>(round: () => Promise<T>): Promise<T> => {
    // a container that is not running (it crashed) cannot weigh on anything: its own round shows it
    const paused = await Promise.all(
      others.map((c) =>
        c.pause().then(
          () => c,
          () => undefined,
        ),
      ),
    )
    try {
      return await round()
    } finally {
      await Promise.all(paused.map((c) => c?.unpause()))
    }
  }
}

/**
 * Measures the starter and the app alternately (after a warm-up of each), each with the other
 * paused, and fails unless the app
 * answers without errors, with at least 3× the starter's throughput and at most half its p99
 * (`judged` picks which of the two ratios count; both by default).
 * `what` names the load for the learner, e.g. "16 users browsing products".
 */
/** What was wrong with the work behind a round of the app's (its own expectation and hint). */
export interface BackgroundProblem {
  expected: string
  found: string
  hint: string
}

export async function expectFasterThanStarter(options: {
  what: string
  starter: () => Promise<SideRound>
  app: () => Promise<SideRound>
  /**
   * Each side's containers (app and database): while one side is measured (or warmed up), the
   * other's are paused, so that neither can weigh on the other's round, not even in the background.
   */
  sides: { starter: Pausable[]; app: Pausable[] }
  /** A shorter round per side that only warms it up (JIT, pools, caches); default a full round. */
  warmUp?: { starter: () => Promise<unknown>; app: () => Promise<unknown> }
  /**
   * Problems in a round of the app's, beyond errors of the measured load (e.g. failed logins), given
   * the starter's side of the same round.
   */
  backgroundProblems?: (round: SideRound, starter: SideRound) => BackgroundProblem | undefined
  /** The ratios that decide (default both). */
  judged?: readonly Metric[]
  log: (line: string) => void
  hint: string
}): Promise<void> {
  const starterAlone = aloneWhile(options.sides.app)
  const appAlone = aloneWhile(options.sides.starter)
  await starterAlone(options.warmUp?.starter ?? options.starter)
  await appAlone(options.warmUp?.app ?? options.app)
  const judged = options.judged ?? ['throughput', 'p99']
  const allRules = {
    throughput: { direction: 'at-least', threshold: SPEEDUP_AT_LEAST },
    p99: { direction: 'at-most', threshold: P99_RATIO_AT_MOST },
  } as const
  const { rounds, decisions } = await compareAlternately({
    baseline: () => starterAlone(options.starter),
    candidate: () => appAlone(options.app),
    ratios,
    // only the judged rules decide (and add rounds); the other ratio is computed but not read
    rules: Object.fromEntries(judged.map((m) => [m, allRules[m]])) as Record<
      Metric,
      (typeof allRules)[Metric]
    >,
    minRounds: MIN_ROUNDS,
    maxRounds: MAX_ROUNDS,
  })
  options.log(`starter: ${perSide(rounds, 'baseline')}`)
  options.log(`your app: ${perSide(rounds, 'candidate')}`)
  options.log(judged.map((m) => `${m} ${describeRatio(decisions[m])}`).join(', '))
  const where = `${options.what}, your app and the starter alternately, ${rounds.length} rounds`
  expectAll([
    () => {
      const bad = rounds
        .map((r, i) => ({ i, r: r.candidate }))
        .filter(({ r }) => r.measured.non2xx > 0 || r.measured.errors > 0)
      if (bad.length === 0) return
      fail({
        expected: 'every request answered with a 2xx status in every round',
        found: bad.map(({ i, r }) => `round ${i + 1}: ${describeLoadErrors(r.measured)}`).join(' | '),
        where,
        hint: 'read your container logs for the errors: a pool that gives up waiting for a connection, or too many connections for the database',
      })
    },
    () => {
      const problems = rounds.flatMap((r, i) => {
        const problem = options.backgroundProblems?.(r.candidate, r.baseline)
        return problem ? [{ i, problem }] : []
      })
      const first = problems[0]?.problem
      if (!first) return
      fail({
        expected: first.expected,
        found: problems.map(({ i, problem }) => `round ${i + 1}: ${problem.found}`).join(' | '),
        where,
        hint: first.hint,
      })
    },
    () =>
      judged.includes('throughput') &&
      expectRatio(
        decisions.throughput,
        'throughput (2xx answers per second)',
        `at least ${SPEEDUP_AT_LEAST}× the starter's`,
        where,
        options.hint,
      ),
    () =>
      judged.includes('p99') &&
      expectRatio(
        decisions.p99,
        'p99 latency',
        `at most ${P99_RATIO_AT_MOST}× the starter's (half)`,
        where,
        options.hint,
      ),
  ])
  // no failure, but a ratio that straddles its threshold: neither a pass nor the learner's fault
  const undecided = Object.entries(decisions).filter(([, d]) => d.verdict === 'undecided')
  if (undecided.length)
    cannotDecide(
      `The grader could not tell your app's speed from the starter's reliably (${where}: ${undecided.map(([k, d]) => `${k} ${describeRatio(d)}`).join(', ')}): the rounds disagree too much, which happens on a machine too busy to measure fairly.`,
      'Grade again when the machine is less busy.',
    )
}

function expectRatio(d: RatioDecision, metric: string, wanted: string, where: string, hint: string): void {
  if (d.verdict !== 'fail') return
  fail({
    expected: `${metric} ${wanted} in every round`,
    found: `${describeRatio(d)} of the starter's`,
    where,
    hint,
  })
}
