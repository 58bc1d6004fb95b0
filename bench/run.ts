/**
 * `pnpm bench [name-filter]`: medians over repeated runs of each scenario, with targets.
 * Wall time on a shared, noisy machine: read medians and ratios, not single runs.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { BenchScenario } from './bench-scenario.ts'
import { RATIOS, SCENARIOS } from './scenarios/index.ts'

export interface BenchResult {
  name: string
  runs: number
  medianMs?: number
  minMs?: number
  maxMs?: number
  targetMs?: number
  withinTarget?: boolean
  skipped?: string
  figures?: Record<string, number>
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

async function measure(s: BenchScenario): Promise<BenchResult> {
  const skipped = await s.unavailable?.()
  if (skipped) return { name: s.name, runs: 0, skipped }
  await s.setup?.()
  const times: number[] = []
  try {
    for (let i = 0; i < s.runs; i++) {
      const t = performance.now()
      await s.run()
      times.push(performance.now() - t)
      await s.afterEach?.()
    }
  } finally {
    await s.teardown?.()
  }
  const medianMs = Math.round(median(times))
  const result: BenchResult = {
    name: s.name,
    runs: times.length,
    medianMs,
    minMs: Math.round(Math.min(...times)),
    maxMs: Math.round(Math.max(...times)),
  }
  if (s.targetMs) Object.assign(result, { targetMs: s.targetMs, withinTarget: medianMs <= s.targetMs })
  if (s.figures) result.figures = s.figures(medianMs)
  return result
}

const filter = process.argv[2]
const results: BenchResult[] = []
for (const s of SCENARIOS.filter((x) => !filter || x.name.includes(filter))) {
  process.stdout.write(`… ${s.name}\n`)
  const r = await measure(s)
  results.push(r)
  if (r.skipped) process.stdout.write(`  skipped: ${r.skipped}\n`)
  else {
    const target = r.targetMs ? ` (target ≤ ${r.targetMs} ms: ${r.withinTarget ? 'met' : 'MISSED'})` : ''
    process.stdout.write(
      `  median ${r.medianMs} ms over ${r.runs} runs [min ${r.minMs}, max ${r.maxMs}]${target}\n`,
    )
    for (const [k, v] of Object.entries(r.figures ?? {})) process.stdout.write(`  ${k}: ${v}\n`)
  }
}
const ratios = RATIOS.flatMap((ratio) => {
  const a = results.find((r) => r.name === ratio.numerator)?.medianMs
  const b = results.find((r) => r.name === ratio.denominator)?.medianMs
  if (!a || !b) return []
  const value = Math.round((a / b) * 100) / 100
  process.stdout.write(
    `ratio ${ratio.name}: ${value}× (target ≤ ${ratio.target}×: ${value <= ratio.target ? 'met' : 'MISSED'})\n`,
  )
  return [{ ...ratio, value }]
})
await mkdir(join(import.meta.dirname, 'results'), { recursive: true })
await writeFile(
  join(import.meta.dirname, 'results', 'latest.json'),
  `${JSON.stringify({ at: new Date().toISOString(), results, ratios }, null, 2)}\n`,
)
