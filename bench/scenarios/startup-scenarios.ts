import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { BenchScenario } from '../bench-scenario.ts'
import { labs, nodeNoop, pnpmScript } from '../cli-process.ts'
import { solutionDir } from '../submission-dir.ts'

/** Measured in turns, so that the ratios against `node -e 0` hold on a loaded machine. */
const GROUP = 'CLI start-up and warm grades (in turns with node -e 0)'
let sandbox = ''
const env = () => ({ LABS_WORKSPACE_DIR: join(sandbox, 'ws'), LABS_STATE_DIR: join(sandbox, 'state') })

/** The floor: a Node process that does nothing. */
export const nodeFloor: BenchScenario = {
  name: 'node -e 0',
  group: GROUP,
  runs: 9,
  async run() {
    await nodeNoop()
  },
}

/** `labs grade` of one Git lab with the workspace already started (the learner's re-grade loop). */
export const gitWarmGrade: BenchScenario = {
  name: 'labs grade git/first-commits (warm, built CLI)',
  group: GROUP,
  runs: 9,
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

/** The README's command for the same grade: `pnpm grade …` (pnpm's start-up on top of the CLI's). */
export const pnpmGitWarmGrade: BenchScenario = {
  name: 'pnpm grade git/first-commits (warm)',
  group: GROUP,
  runs: 9,
  async run() {
    const code = await pnpmScript('grade', ['git/first-commits'], env())
    if (code !== 1) throw new Error(`expected the starter to fail its checks (exit 1), got exit ${code}`)
  },
}

let sqlDir = ''
/** A static-engine SQL grade of the reference solution, from a fresh CLI process. */
export const sqlStaticCli: BenchScenario = {
  name: 'labs grade sqlserver/normalise --engine static (built CLI)',
  group: GROUP,
  runs: 9,
  async setup() {
    sqlDir = await solutionDir('sqlserver/normalise')
  },
  async run() {
    const code = await labs(['grade', 'sqlserver/normalise', '--engine', 'static', '--submission', sqlDir])
    if (code !== 0) throw new Error(`sqlserver/normalise: exit ${code}`)
  },
  async teardown() {
    await rm(dirname(sqlDir), { recursive: true, force: true })
  },
}
