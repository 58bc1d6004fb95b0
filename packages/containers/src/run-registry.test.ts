import { execFileSync, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hardenedCreateOptions } from './hardened-run-options.ts'
import { LABEL } from './labels.ts'
import { RunRegistry } from './run-registry.ts'
import { sweepStale } from './stale-sweep.ts'
import {
  dockerAvailable,
  dockerSuite,
  ensureTestBaseImage,
  removeByLabel,
  TEST_BASE_IMAGE,
  testDocker,
} from './test-support/docker-test-env.ts'

const RUN_PREFIX = `test-registry-${process.pid}`

function dockerCli(args: string[]): string[] {
  return execFileSync('/usr/bin/docker', args, { encoding: 'utf8' }).split('\n').filter(Boolean)
}

describe.skipIf(!dockerAvailable)(dockerSuite('RunRegistry and sweepStale against the real engine'), () => {
  const docker = dockerAvailable ? testDocker() : (undefined as never)
  beforeAll(() => ensureTestBaseImage(docker), 60_000)
  // only this file's runs: a grade running meanwhile on this engine (a verify, another test file) is
  // not this file's to remove
  afterAll(async () => {
    for (const run of ['dispose', 'held', 'late', 'inflight', 'live', 'killed'])
      await removeByLabel(docker, `${LABEL.run}=${RUN_PREFIX}-${run}`)
  }, 60_000)

  it('labels what it creates and dispose() removes all of it', async () => {
    const registry = new RunRegistry(docker, `${RUN_PREFIX}-dispose`)
    const network = await registry.createNetwork()
    const volume = await registry.createVolume()
    const container = await registry.createContainer(
      hardenedCreateOptions({
        image: TEST_BASE_IMAGE,
        cmd: ['sleep', '100'],
        networkName: `backend-labs-${registry.runId}-net`,
      }),
    )
    await container.start()
    const info = await container.inspect()
    expect(info.Config.Labels[LABEL.run]).toBe(registry.runId)
    expect(info.Name).toMatch(
      new RegExp(`^/backend-labs-${registry.runId}-${process.pid.toString(36)}-\\d+$`),
    ) // the endpoint name the clean-up (or a later sweep) can still use
    expect(info.Config.Labels[LABEL.pid]).toBe(String(process.pid))
    expect(Date.parse(info.Config.Labels[LABEL.created] ?? '')).not.toBeNaN()

    const report = await registry.dispose()
    expect(report.failed).toEqual([])
    expect(report.removed.map((r) => r.kind).sort()).toEqual(['container', 'network', 'volume'])
    const filter = `label=${LABEL.run}=${registry.runId}`
    expect(dockerCli(['ps', '-aq', '--filter', filter])).toEqual([])
    expect(dockerCli(['network', 'ls', '-q', '--filter', filter])).toEqual([])
    expect(dockerCli(['volume', 'ls', '-q', '--filter', filter])).toEqual([])
    expect(network.id).toBeTruthy()
    expect(volume).toContain(registry.runId)
  }, 30_000)

  it('dispose() removes a network that a container outside the run still holds (forced disconnect)', async () => {
    const registry = new RunRegistry(docker, `${RUN_PREFIX}-held`)
    const network = await registry.createNetwork()
    const outsider = await docker.createContainer(
      hardenedCreateOptions({
        image: TEST_BASE_IMAGE,
        cmd: ['sleep', '100'],
        networkName: `backend-labs-${registry.runId}-net`,
      }),
    )
    try {
      await outsider.start()
      await expect(network.remove()).rejects.toThrow(/active endpoints/)
      const report = await registry.dispose()
      expect(report.failed).toEqual([])
      expect(dockerCli(['network', 'ls', '-q', '--filter', `label=${LABEL.run}=${registry.runId}`])).toEqual(
        [],
      )
      expect((await outsider.inspect()).State.Running).toBe(true)
    } finally {
      await outsider.remove({ force: true })
    }
  }, 60_000)

  it('a container or network made after dispose() began is removed at once, and the call fails', async () => {
    const registry = new RunRegistry(docker, `${RUN_PREFIX}-late`)
    await registry.createVolume()
    const disposed = registry.dispose()
    await expect(registry.createNetwork('late')).rejects.toThrow(/being cleaned up/)
    await expect(
      registry.createContainer(
        hardenedCreateOptions({ image: TEST_BASE_IMAGE, cmd: ['sleep', '100'], networkName: 'none' }),
      ),
    ).rejects.toThrow(/being cleaned up/)
    expect((await disposed).failed).toEqual([])
    const filter = `label=${LABEL.run}=${registry.runId}`
    expect(dockerCli(['ps', '-aq', '--filter', filter])).toEqual([])
    expect(dockerCli(['network', 'ls', '-q', '--filter', filter])).toEqual([])
    expect(dockerCli(['volume', 'ls', '-q', '--filter', filter])).toEqual([])
  }, 60_000)

  it('dispose() waits for a creation under way and removes what it made before it resolves', async () => {
    // a signal lands while the engine is still creating a container: the process exits as soon as
    // dispose() resolves, so the container must already be gone by then
    const registry = new RunRegistry(docker, `${RUN_PREFIX}-inflight`)
    const creating = registry.createContainer(
      hardenedCreateOptions({ image: TEST_BASE_IMAGE, cmd: ['sleep', '100'], networkName: 'none' }),
    )
    const outcome = creating.then(
      () => 'made',
      (error: Error) => error.message,
    )
    const report = await registry.dispose()
    expect(report.removed.map((r) => r.kind)).toEqual(['container'])
    expect(report.failed).toEqual([])
    expect(dockerCli(['ps', '-aq', '--filter', `label=${LABEL.run}=${registry.runId}`])).toEqual([])
    expect(await outcome).toMatch(/being cleaned up/)
  }, 60_000)

  it('sweepStale() removes what a SIGKILLed process left, and spares a live process', async () => {
    const live = new RunRegistry(docker, `${RUN_PREFIX}-live`)
    await live.createNetwork()

    const runId = `${RUN_PREFIX}-killed`
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('./test-support/hanging-child.ts', import.meta.url)), runId],
      { cwd: fileURLToPath(new URL('../../..', import.meta.url)), stdio: ['ignore', 'pipe', 'pipe'] },
    )
    const exited = new Promise((resolve) => child.once('exit', resolve))
    const line = await new Promise<string>((resolve, reject) => {
      let err = ''
      child.stderr.on('data', (d) => {
        err += d
      })
      child.stdout.once('data', (d) => resolve(String(d)))
      child.once('exit', () => reject(new Error(`child exited early: ${err}`)))
    })
    const ids = JSON.parse(line) as { network: string; container: string }
    const filter = `label=${LABEL.run}=${runId}`
    expect(dockerCli(['ps', '-aq', '--no-trunc', '--filter', filter])).toEqual([ids.container])

    child.kill('SIGKILL')
    await exited // reaped, so its pid is really gone

    const report = await sweepStale(docker)
    expect(report.removed.map((r) => r.id)).toEqual(expect.arrayContaining([ids.container, ids.network]))
    expect(dockerCli(['ps', '-aq', '--filter', filter])).toEqual([])
    expect(dockerCli(['network', 'ls', '-q', '--filter', filter])).toEqual([])
    // the live registry (this process) keeps its network
    expect(dockerCli(['network', 'ls', '-q', '--filter', `label=${LABEL.run}=${live.runId}`])).toHaveLength(1)
    await live.dispose()
  }, 60_000)
})
