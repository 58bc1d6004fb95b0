/**
 * `pnpm bench [name-filter]`: medians over repeated runs of each scenario, with targets, and ratios
 * between scenarios measured in turns in the same run (see BenchScenario.group).
 * Wall time on a shared, noisy machine: read medians and ratios, not single runs.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { BenchScenario } from './bench-scenario.ts'
import { benchNode, benchNodeVersion } from './cli-process.ts'
import { COUNTS, type CountResult } from './scenarios/git-process-count.ts'
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

function summarise(s: BenchScenario, times: number[]): BenchResult {
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

/** Measures a group of scenarios in turns: run i of each, then run i + 1 of each. */
async function measureGroup(group: BenchScenario[]): Promise<BenchResult[]> {
  const live: BenchScenario[] = []
  const results = new Map<BenchScenario, BenchResult>()
  for (const s of group) {
    const skipped = await s.unavailable?.()
    if (skipped) results.set(s, { name: s.name, runs: 0, skipped })
    else live.push(s)
  }
  const times = new Map<BenchScenario, number[]>(live.map((s) => [s, []]))
  try {
    for (const s of live) await s.setup?.()
    const runs = Math.max(0, ...live.map((s) => s.runs))
    for (let i = 0; i < runs; i++) {
      for (const s of live) {
        if (i >= s.runs) continue
        const t = performance.now()
        const measured = await s.run()
        times.get(s)!.push(typeof measured === 'number' ? measured : performance.now() - t)
        await s.afterEach?.()
      }
    }
  } finally {
    for (const s of live) await s.teardown?.()
  }
  for (const s of live) results.set(s, summarise(s, times.get(s)!))
  return group.map((s) => results.get(s)!)
}

function print(r: BenchResult): void {
  if (r.skipped) {
    process.stdout.write(`  ${r.name}: skipped: ${r.skipped}\n`)
    return
  }
  const target = r.targetMs ? ` (target ≤ ${r.targetMs} ms: ${r.withinTarget ? 'met' : 'MISSED'})` : ''
  process.stdout.write(
    `  ${r.name}: median ${r.medianMs} ms over ${r.runs} runs [min ${r.minMs}, max ${r.maxMs}]${target}\n`,
  )
  for (const [k, v] of Object.entries(r.figures ?? {})) process.stdout.write(`    ${k}: ${v}\n`)
}

const filter = process.argv[2]
process.stdout.write(`Node ${benchNodeVersion} (${benchNode}) runs the CLI, pnpm and node -e 0\n`)
const chosen = SCENARIOS.filter((x) => !filter || x.name.includes(filter) || x.group?.includes(filter))
const groups = new Map<string, BenchScenario[]>()
for (const s of chosen) groups.set(s.group ?? s.name, [...(groups.get(s.group ?? s.name) ?? []), s])
const results: BenchResult[] = []
for (const [name, group] of groups) {
  process.stdout.write(`… ${name}${group.length > 1 ? ` (${group.length} scenarios in turns)` : ''}\n`)
  for (const r of await measureGroup(group)) {
    results.push(r)
    print(r)
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
const counts: CountResult[] = []
if (!filter || 'git processes'.includes(filter)) {
  for (const c of COUNTS) {
    const r = await c()
    counts.push(r)
    process.stdout.write(`count ${r.name}: ${r.count}${r.detail ? ` (${r.detail})` : ''}\n`)
  }
}
await mkdir(join(import.meta.dirname, 'results'), { recursive: true })
await writeFile(
  join(import.meta.dirname, 'results', 'latest.json'),
  `${JSON.stringify({ at: new Date().toISOString(), node: benchNodeVersion, results, ratios, counts }, null, 2)}\n`,
)
