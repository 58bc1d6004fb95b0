import { execFile } from 'node:child_process'
import { rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import type { BenchScenario } from '../bench-scenario.ts'
import { labs } from '../cli-process.ts'
import { solutionDir } from '../submission-dir.ts'

const run = promisify(execFile)
const LAB = 'docker/rest-contract'
let dir = ''

async function noDocker(): Promise<string | undefined> {
  const { detectDockerRuntime } = await import('@backend-labs/containers')
  const r = await detectDockerRuntime()
  return r.reachable ? undefined : 'no Docker engine is reachable'
}

async function removeLearnerImages(): Promise<void> {
  const { stdout } = await run('/usr/bin/docker', [
    'images',
    '-q',
    '--filter',
    `label=org.backend-labs.lab=${LAB}`,
  ])
  const ids = [...new Set(stdout.split('\n').filter(Boolean))]
  if (ids.length) await run('/usr/bin/docker', ['rmi', '-f', ...ids]).catch(() => undefined)
}

async function gradeOk(): Promise<void> {
  const code = await labs(['grade', LAB, '--submission', dir])
  if (code !== 0) throw new Error(`the reference solution of ${LAB} did not pass (exit ${code})`)
}

const setup = async () => {
  dir = await solutionDir(LAB)
}
const teardown = async () => {
  await rm(dirname(dir), { recursive: true, force: true })
}

/** The learner's re-grade loop on an API lab: the image is already built (cached). */
export const dockerWarmGrade: BenchScenario = {
  name: `labs grade ${LAB} (warm: build cached)`,
  group: 'docker grade vs docker CLI + curl (in turns)',
  targetMs: 5000,
  runs: 7,
  unavailable: noDocker,
  async setup() {
    await setup()
    await gradeOk()
  },
  run: gradeOk,
  teardown,
}

/** First grade on a machine with the base images but no build cache. */
export const dockerColdGrade: BenchScenario = {
  name: `labs grade ${LAB} (cold: no build cache)`,
  targetMs: 30_000,
  runs: 7,
  unavailable: noDocker,
  setup,
  async run() {
    await removeLearnerImages()
    await gradeOk()
  },
  teardown,
}

/** The same build, run and HTTP checks by hand with the docker CLI and curl (the ratio's baseline). */
export const dockerShellBaseline: BenchScenario = {
  name: 'baseline: docker CLI + curl, same build/run/checks (warm)',
  group: 'docker grade vs docker CLI + curl (in turns)',
  runs: 7,
  unavailable: noDocker,
  async setup() {
    await setup()
    await run('bash', [join(import.meta.dirname, '..', 'baseline', 'rest-contract.sh'), dir])
  },
  async run() {
    await run('bash', [join(import.meta.dirname, '..', 'baseline', 'rest-contract.sh'), dir])
  },
  async teardown() {
    await run('/usr/bin/docker', ['rmi', '-f', 'backend-labs-bench/baseline:latest']).catch(() => undefined)
    await teardown()
  },
}
