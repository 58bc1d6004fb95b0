import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RunRegistry, StartedLearnerContainer } from '@backend-labs/containers'
import type { BenchScenario } from '../bench-scenario.ts'

let dir = ''
let image = ''
let registry: RunRegistry | undefined
let started: StartedLearnerContainer | undefined
let networkName = ''

const SERVER = `import { createServer } from 'node:http'
createServer((_req, res) => res.end('ok')).listen(Number(process.env.PORT ?? 3000), '0.0.0.0')
`

/** From `docker create` to the app answering HTTP on its published port (image already built). */
export const containerStartToReady: BenchScenario = {
  name: 'learner container: start to ready (HTTP)',
  targetMs: 1500,
  runs: 7,
  async unavailable() {
    const { detectDockerRuntime } = await import('@backend-labs/containers')
    return (await detectDockerRuntime()).reachable ? undefined : 'no Docker engine is reachable'
  },
  async setup() {
    const { buildLearnerImage, connectDocker, RunRegistry } = await import('@backend-labs/containers')
    dir = await mkdtemp(join(tmpdir(), 'labs-bench-ready-'))
    await writeFile(join(dir, 'server.mjs'), SERVER)
    await writeFile(
      join(dir, 'Dockerfile'),
      'FROM node:22-bookworm-slim\nCOPY server.mjs /app/\nUSER node\nCMD ["node", "/app/server.mjs"]\n',
    )
    const docker = await connectDocker()
    image = (await buildLearnerImage(docker, { contextDir: dir, labId: 'bench/start-to-ready' })).ref
    registry = new RunRegistry(docker)
    // One network for all runs: the measure is the container's start, not the network's.
    networkName = (await (await registry.createNetwork()).inspect()).Name
  },
  async run() {
    const { startLearnerContainer } = await import('@backend-labs/containers')
    started = await startLearnerContainer({
      image,
      port: 3000,
      env: { PORT: '3000' },
      registry: registry!,
      networkName,
    })
  },
  async afterEach() {
    await started?.container.remove({ force: true })
  },
  async teardown() {
    await registry?.dispose()
    await rm(dir, { recursive: true, force: true })
  },
}
