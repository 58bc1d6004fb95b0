/** A rule for a ratio candidate ÷ baseline: it must be at least (or at most) `threshold`. */
export interface RatioRule {
  direction: 'at-least' | 'at-most'
  threshold: number
  /** Wanted coverage of the median's interval (default 0.75); more rounds make it tighter. */
  confidence?: number
}

/**
 * The verdict on a ratio measured over several rounds: `pass` when the whole interval of the
 * median is on the right side of the threshold, `fail` when it is wholly on the wrong side, and
 * `undecided` when it straddles the threshold (or too few rounds give the wanted confidence).
 */
export interface RatioDecision {
  verdict: 'pass' | 'fail' | 'undecided'
  median: number
  /** The median's distribution-free interval: order statistics of the per-round ratios. */
  low: number
  high: number
  /** The interval's actual coverage (≥ the rule's confidence, unless there were too few rounds). */
  coverage: number
  ratios: number[]
  rule: RatioRule
}

/** P(X ≤ k) for X ~ Binomial(n, 1/2). */
function binomialHalfCdf(n: number, k: number): number {
  let sum = 0
  let term = 0.5 ** n // C(n, 0) / 2^n
  for (let i = 0; i <= k; i++) {
    sum += term
    term = (term * (n - i)) / (i + 1)
  }
  return sum
}

/**
 * The sample median and the widest-confidence-needed interval [x(j), x(n+1-j)] around it, whose
 * coverage of the true median is 1 − 2·P(Bin(n, ½) ≤ j − 1), with no assumption on the
 * distribution. It takes the narrowest such interval that still reaches `confidence`.
 */
export function medianInterval(
  samples: readonly number[],
  confidence: number,
): { median: number; low: number; high: number; coverage: number } {
  if (samples.length === 0) throw new RangeError('a median needs at least one sample')
  const sorted = [...samples].sort((a, b) => a - b)
  const n = sorted.length
  const mid = Math.floor(n / 2)
  const median = n % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
  let j = 1
  while (j + 1 <= Math.ceil(n / 2) && 1 - 2 * binomialHalfCdf(n, j) >= confidence) j++
  const coverage = n === 1 ? 0 : 1 - 2 * binomialHalfCdf(n, j - 1)
  return { median, low: sorted[j - 1] as number, high: sorted[n - j] as number, coverage }
}

/** Decides a rule over per-round ratios (candidate ÷ baseline of the same round). */
export function decideRatio(ratios: readonly number[], rule: RatioRule): RatioDecision {
  const confidence = rule.confidence ?? 0.75
  const { median, low, high, coverage } = medianInterval(ratios, confidence)
  const ok = (x: number) => (rule.direction === 'at-least' ? x >= rule.threshold : x <= rule.threshold)
  const verdict =
    coverage < confidence
      ? 'undecided'
      : ok(low) && ok(high)
        ? 'pass'
        : !ok(low) && !ok(high)
          ? 'fail'
          : 'undecided'
  return { verdict, median, low, high, coverage, ratios: [...ratios], rule }
}

/** "3.4× (2.9–4.1× over 3 rounds)" */
export function describeRatio(decision: RatioDecision): string {
  const f = (x: number) => (x >= 10 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toFixed(2))
  return `${f(decision.median)}× (${f(decision.low)}–${f(decision.high)}× over ${decision.ratios.length} rounds)`
}
