/** Edit distance with transpositions (optimal string alignment), for "did you mean …?". */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [
    i,
    ...Array<number>(b.length).fill(0),
  ])
  for (let j = 0; j <= b.length; j++) d[0]![j] = j
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1)
      d[i]![j] = v
    }
  return d[a.length]![b.length]!
}

/** The closest known word, if it is close enough to be a typo (`TABEL` → `TABLE`). */
export function closestWord(word: string, known: Iterable<string>): string | undefined {
  const upper = word.toUpperCase()
  let best: string | undefined
  let bestDistance = Math.max(1, Math.floor(upper.length / 3))
  for (const k of known) {
    const dist = distance(upper, k)
    if (dist <= bestDistance && (best === undefined || dist < bestDistance)) [best, bestDistance] = [k, dist]
  }
  return best
}
