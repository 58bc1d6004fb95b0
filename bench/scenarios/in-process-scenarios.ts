import { rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import { gradeLab } from '../../grader/src/engine/grade-lab.ts'
import type { BenchScenario } from '../bench-scenario.ts'
import { catalog, paths, solutionDir } from '../submission-dir.ts'

/** Grading inside one warm process (the grade itself, without Node and tsx starting up). */
function inProcessGrade(id: string, targetMs: number, expectEngine?: string): BenchScenario {
  let dir = ''
  return {
    name: `grade ${id} in-process (warm)`,
    targetMs,
    runs: 9,
    async setup() {
      dir = await solutionDir(id)
      await gradeLab(await catalog.load(id), paths, { source: { kind: 'path', path: dir } })
    },
    async run() {
      const r = await gradeLab(await catalog.load(id), paths, { source: { kind: 'path', path: dir } })
      // A SQL lab graded statically passes as passed-static (its live-only checks cannot run).
      if (r.status !== 'passed' && r.status !== 'passed-static')
        throw new Error(`${id}: the reference solution did not pass (${r.status})`)
      if (expectEngine && r.engine !== expectEngine)
        throw new Error(`${id}: graded with ${r.engine}, not ${expectEngine}`)
    },
    async teardown() {
      await rm(dirname(dir), { recursive: true, force: true })
    },
  }
}

export const gitInProcess = inProcessGrade('git/first-commits', 1000)
/** The docker grade in a warm process (a batch, or a watch loop): the same work without start-up. */
export const dockerInProcess: BenchScenario = {
  ...inProcessGrade('docker/rest-contract', 5000),
  group: 'docker grade vs docker CLI + curl (in turns)',
  async unavailable() {
    const { detectDockerRuntime } = await import('@backend-labs/containers')
    return (await detectDockerRuntime()).reachable ? undefined : 'no Docker engine is reachable'
  },
}
export const sqlStaticInProcess = inProcessGrade('sqlserver/normalise', 1000, 'static')

/** The live engine needs the SQL Server image, which cannot be had everywhere. */
export const sqlLiveWarm: BenchScenario = {
  ...inProcessGrade('sqlserver/normalise', 3000, 'live'),
  name: 'grade sqlserver/normalise on the live engine (warm: server up)',
  async unavailable() {
    const { detectDockerRuntime, dockerClient, imagePresence, IMAGE_CATALOG } = await import(
      '@backend-labs/containers'
    )
    const r = await detectDockerRuntime()
    if (!r.reachable || !r.endpoint) return 'no Docker engine is reachable'
    const image = await imagePresence(dockerClient(r.endpoint, 5000), IMAGE_CATALOG.mssql.ref)
    return image.presence === 'missing'
      ? `unavailable here: image ${IMAGE_CATALOG.mssql.ref} is not present`
      : undefined
  },
}
