import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BatchSummary } from '../../grader/src/batch/batch-summary.ts'
import { samplePlan, writeSampleBatch } from '../../grader/src/batch/test-support/sample-batch.ts'
import type { BenchScenario } from '../bench-scenario.ts'
import { labs } from '../cli-process.ts'

const LAB = 'git/first-commits'
const LEARNERS = 50
/** Processes timed for the one-by-one baseline (the first learners: every kind and form). */
const BASELINE_RUNS = 10

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

let sandbox = ''
let subs = ''
let roster = ''
let perSubmissionMs: number[] = []
const baselineMs: number[] = []

async function removeClass(): Promise<void> {
  if (sandbox) await rm(sandbox, { recursive: true, force: true })
  sandbox = ''
}

async function ensureClass(): Promise<void> {
  if (sandbox) return
  sandbox = await mkdtemp(join(tmpdir(), 'labs-bench-batch-'))
  ;({ submissions: subs, roster } = await writeSampleBatch(join(sandbox, 'class'), LAB, samplePlan(LEARNERS)))
}

/** `labs grade-batch` of 50 generated Git-lab submissions (correct, partial, broken), a fresh --out each run. */
export const batchOf50: BenchScenario = {
  name: `labs grade-batch of ${LEARNERS} ${LAB} submissions`,
  targetMs: 30_000,
  runs: 3,
  setup: ensureClass,
  async run() {
    const code = await labs([
      'grade-batch',
      subs,
      '--roster',
      roster,
      '--out',
      join(sandbox, 'out'),
      '--lab',
      LAB,
    ])
    if (code !== 0) throw new Error(`grade-batch exited ${code}`)
    const summary = JSON.parse(await readFile(join(sandbox, 'out', 'summary.json'), 'utf8')) as BatchSummary
    if (summary.learners.length !== LEARNERS) throw new Error(`graded ${summary.learners.length} learners`)
    perSubmissionMs = summary.learners.map((l) => l.results.reduce((s, r) => s + r.durationMs, 0))
  },
  async afterEach() {
    await rm(join(sandbox, 'out'), { recursive: true, force: true })
  },
  teardown: removeClass,
  /**
   * The median grade of one submission inside the batch, and the speed-up over grading the 50 one
   * `labs grade` process after another (50 × the baseline's median process; run the baseline first).
   */
  figures(medianMs) {
    const figures: Record<string, number> = { medianPerSubmissionMs: Math.round(median(perSubmissionMs)) }
    if (baselineMs.length) {
      figures.oneByOneProjectedMs = Math.round(LEARNERS * median(baselineMs))
      figures.speedUp = Math.round((figures.oneByOneProjectedMs / medianMs) * 10) / 10
    }
    return figures
  },
}

/** One `labs grade --submission` process per learner of the same class, in turn (a fresh process each). */
export const batchBaselineOneByOne: BenchScenario = {
  name: `labs grade --submission, one process per ${LAB} submission`,
  runs: BASELINE_RUNS,
  setup: ensureClass,
  async run() {
    const learner = `learner-${String((baselineMs.length % LEARNERS) + 1).padStart(3, '0')}`
    const started = performance.now()
    const code = await labs(['grade', LAB, '--submission', join(subs, learner)])
    if (code > 2) throw new Error(`labs grade ${learner} exited ${code}`)
    baselineMs.push(performance.now() - started)
  },
  teardown: removeClass,
}
