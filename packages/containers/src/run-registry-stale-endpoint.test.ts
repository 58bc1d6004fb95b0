import type Docker from 'dockerode'
import { describe, expect, it } from 'vitest'
import { RUN_CONTAINER_NAMES, RunRegistry, runContainerName } from './run-registry.ts'
import { sweepStale } from './stale-sweep.ts'

/**
 * The engine state that left 2 of 55 rate-limit grades' networks behind: after the containers were
 * removed, `network rm` kept failing with "has active endpoints" while `network inspect` listed no
 * container. A forced disconnect by the removed container's name deletes such an endpoint (moby's
 * `ForceEndpointDelete`). A real engine cannot be put in that state on purpose, so this engine is a
 * stand-in that behaves as that one did.
 */
function engineWithStaleEndpoint(networkLabels: Record<string, string> = {}) {
  const created: { name?: string; id: string }[] = []
  const endpoints = new Set<string>()
  const disconnects: { Container: string; Force?: boolean }[] = []
  let removed = false
  const docker = {
    listContainers: async () => [],
    listNetworks: async () => [{ Id: 'network-1', Labels: networkLabels }],
    listVolumes: async () => ({ Volumes: [] }),
    listImages: async () => [],
    createContainer: async (options: { name?: string }) => {
      const id = `container-${created.length + 1}`
      created.push({ name: options.name, id })
      if (options.name) endpoints.add(options.name)
      return { id }
    },
    createNetwork: async () => ({ id: 'network-1' }),
    getContainer: () => ({ remove: async () => {} }),
    getNetwork: () => ({
      remove: async () => {
        if (endpoints.size) throw new Error('error while removing network: network has active endpoints')
        removed = true
      },
      inspect: async () => ({ Containers: {} }),
      disconnect: async (options: { Container: string; Force?: boolean }) => {
        disconnects.push(options)
        if (!options.Force || !endpoints.delete(options.Container)) throw new Error('not connected')
      },
    }),
  } as unknown as Docker
  return { docker, created, disconnects, removed: () => removed }
}

describe('RunRegistry against an engine with a stale endpoint', () => {
  it('names its containers after the run, and disconnects those names to remove the network', async () => {
    const engine = engineWithStaleEndpoint()
    const registry = new RunRegistry(engine.docker, 'run-abc/1')
    await registry.createNetwork()
    await registry.createContainer({ Image: 'x' })
    await registry.createContainer({ Image: 'x', name: 'chosen-name' })
    const [named, chosen] = engine.created.map((c) => c.name)
    expect(named).toBe(`backend-labs-run-abc-1-${process.pid.toString(36)}-1`)
    expect(chosen).toBe('chosen-name')

    const report = await registry.dispose()
    expect(report.failed).toEqual([])
    expect(engine.removed()).toBe(true)
    expect(engine.disconnects).toEqual(
      expect.arrayContaining([
        { Container: named, Force: true },
        { Container: 'chosen-name', Force: true },
      ]),
    )
  })

  it('reports the network as failed when the endpoint is not one of its containers', async () => {
    const engine = engineWithStaleEndpoint()
    const registry = new RunRegistry(engine.docker, 'run-def')
    await registry.createNetwork()
    // a container made outside the registry (no name the registry knows) holds the stale endpoint
    await engine.docker.createContainer({ name: 'made-elsewhere' })
    const report = await registry.dispose()
    expect(engine.removed()).toBe(false)
    expect(report.failed).toEqual([
      expect.objectContaining({
        kind: 'network',
        id: 'network-1',
        reason: expect.stringMatching(/active endpoints/),
      }),
    ])
  }, 20_000)

  it('lets a later sweep free the network of a process that died, by the names its containers had', async () => {
    const dead = 4_000_000
    const labels = { 'org.backend-labs.run': 'run-dead', 'org.backend-labs.pid': String(dead) }
    const engine = engineWithStaleEndpoint(labels)
    // the 3rd container of that run left its endpoint; the process that knew its name is gone
    await engine.docker.createContainer({ name: runContainerName('run-dead', dead, 3) })
    const report = await sweepStale(engine.docker, { isAlive: () => false })
    expect(report).toEqual({ removed: [{ kind: 'network', id: 'network-1' }], failed: [] })
    expect(engine.removed()).toBe(true)
    // each derived name once (the engine is not asked 256 × 8 times)
    expect(engine.disconnects).toHaveLength(RUN_CONTAINER_NAMES)
  })
})
