import {
  connectDocker,
  type DisposeReport,
  type DockerEngineSilentError,
  engineStillAnswers,
  type ResourceKind,
  RunRegistry,
  removeResource,
  startRegistryProxy,
} from '@backend-labs/containers'
import type Docker from 'dockerode'

import { holdUntilExit } from '../../engine/process-resources.ts'

/** The build options {@link DockerSession.buildSettings} gives `buildLearnerImage`. */
export interface BuildNetwork {
  networkName?: string
  proxyEnv?: Record<string, string>
}

/** The hosts a build that needs the package registry may reach (npm's registry, over TLS). */
const REGISTRY_HOSTS = ['registry.npmjs.org:443']

/**
 * A registry that also removes what is created after it was disposed: a check that timed out keeps
 * running in the background, and a container it creates late must not outlive the grade.
 */
class SessionRegistry extends RunRegistry {
  closed = false

  override track(kind: ResourceKind, id: string): void {
    super.track(kind, id)
    if (this.closed) void removeResource(this.docker, { kind, id }).catch(() => {})
  }

  override dispose(): Promise<DisposeReport> {
    this.closed = true
    return super.dispose()
  }
}

/**
 * The Docker side of one grade: the engine connection, the run's registry, its network and named
 * volumes, each made on first use. Nothing touches Docker until a check asks for it.
 */
export class DockerSession {
  /** What image builds may reach: nothing (default), or the npm registry through the grader's proxy. */
  buildNetwork: 'none' | 'registry' = 'none'
  private registryPromise: Promise<SessionRegistry> | undefined
  private readonly networks = new Map<string, Promise<string>>()
  private buildPromise: Promise<BuildNetwork> | undefined
  private readonly volumes = new Map<string, Promise<string>>()
  private readonly discarded: string[][] = []
  private unhold: (() => void) | undefined

  constructor(private readonly connect: () => Promise<Docker> = () => connectDocker()) {}

  /** The run's registry; the first call fails with an EnvironmentError (exit 3) when no engine answers. */
  registry(): Promise<RunRegistry> {
    this.registryPromise ??= this.connect().then((docker) => {
      const registry = new SessionRegistry(docker)
      this.unhold = holdUntilExit(() => registry.dispose())
      return registry
    })
    return this.registryPromise
  }

  async docker(): Promise<Docker> {
    return (await this.registry()).docker
  }

  /**
   * The per-run internal network every app and service of this grade joins: no route out, no host
   * address on it. The grader reaches an app through a relay container (see `startPortRelay`).
   */
  networkName(name?: string): Promise<string> {
    const key = name ?? ''
    let network = this.networks.get(key)
    if (!network) {
      // another internal network of the run (`AppOptions.network`): nothing on the run network reaches it
      const suffix = name ? `net-${name.toLowerCase().replace(/[^a-z0-9_.-]+/g, '-')}` : 'net'
      network = this.registry().then(async (registry) => {
        const made = await registry.createNetwork(suffix, { internal: true })
        return (await made.inspect()).Name as string
      })
      this.networks.set(key, network)
    }
    return network
  }

  /**
   * Where RUN steps run: no network at all, or (for a lab whose manifest says its build needs the
   * registry) an internal network whose only way out is a proxy that tunnels to the npm registry.
   */
  buildSettings(): Promise<BuildNetwork> {
    if (this.buildNetwork === 'none') return Promise.resolve({})
    this.buildPromise ??= this.registry().then(async (registry) => {
      const network = await registry.createNetwork('build', { internal: true })
      const networkName = (await network.inspect()).Name as string
      return { networkName, proxyEnv: await startRegistryProxy(registry, networkName, REGISTRY_HOSTS) }
    })
    return this.buildPromise
  }

  /** The run's Docker volume behind a lab's volume name (created once, labelled, removed at the end). */
  volume(name: string): Promise<string> {
    let volume = this.volumes.get(name)
    if (!volume) {
      const suffix = `vol-${name.toLowerCase().replace(/[^a-z0-9_.-]+/g, '-')}`
      volume = this.registry().then((registry) => registry.createVolume(suffix))
      this.volumes.set(name, volume)
    }
    return volume
  }

  /** Docker volume binds (`volume:path`) for a lab's named volumes. */
  async volumeBinds(volumes: readonly { name: string; path: string }[] = []): Promise<string[]> {
    return Promise.all(volumes.map(async (v) => `${await this.volume(v.name)}:${v.path}`))
  }

  /**
   * Images to remove at the end, in this order (a child before its parent): grader-made builds and
   * the images their steps made. Each is removed alone (`noprune`): removing an image otherwise also
   * removes its untagged parents that have no other child, and a parent may be a layer that a
   * concurrent grade's build has just taken from the cache and is about to use.
   */
  discardAtEnd(imageIds: string[]): void {
    this.discarded.push(imageIds)
  }

  /**
   * Undefined while the engine answers (or was never used by this grade), else the error to end the
   * grade with: a check that timed out or an exec that never finished may have waited on the engine.
   */
  async stillAnswering(withinMs?: number): Promise<DockerEngineSilentError | undefined> {
    if (!this.registryPromise) return undefined
    const registry = await this.registryPromise.catch(() => undefined)
    return registry ? engineStillAnswers(registry.docker, withinMs) : undefined
  }

  /** Removes every container, network, volume and temporary image of the run; never throws. */
  async dispose(): Promise<DisposeReport | undefined> {
    if (!this.registryPromise) return undefined
    try {
      const registry = await this.registryPromise
      const report = await registry.dispose()
      this.unhold?.()
      for (const group of this.discarded.reverse())
        for (const id of group)
          await registry.docker
            .getImage(id)
            .remove({ force: true, noprune: true })
            .catch(() => {})
      return report
    } catch {
      return undefined
    }
  }
}
