import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BenchScenario } from '../bench-scenario.ts'
import { labs } from '../cli-process.ts'

let sandbox = ''
const env = () => ({ LABS_WORKSPACE_DIR: join(sandbox, 'ws'), LABS_STATE_DIR: join(sandbox, 'state') })

/** `labs grade` of one Git lab with the workspace already started (the learner's re-grade loop). */
export const gitWarmGrade: BenchScenario = {
  name: 'labs grade git/first-commits (warm)',
  targetMs: 1000,
  runs: 7,
  async setup() {
    sandbox = await mkdtemp(join(tmpdir(), 'labs-bench-'))
    await labs(['start', 'git/first-commits'], env())
    await labs(['grade', 'git/first-commits'], env())
  },
  async run() {
    const code = await labs(['grade', 'git/first-commits'], env())
    if (code !== 1) throw new Error(`expected the starter to fail its checks (exit 1), got exit ${code}`)
  },
  async teardown() {
    await rm(sandbox, { recursive: true, force: true })
  },
}

/** `labs verify --track git`: every Git lab's solution, starter and fixtures. */
export const gitVerifyTrack: BenchScenario = {
  name: 'labs verify --track git',
  targetMs: 15_000,
  runs: 5,
  async run() {
    const code = await labs(['verify', '--track', 'git'])
    if (code !== 0) throw new Error(`labs verify --track git failed (exit ${code})`)
  },
}
