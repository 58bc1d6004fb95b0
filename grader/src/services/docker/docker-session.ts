import {
  connectDocker,
  type DisposeReport,
  type ResourceKind,
  RunRegistry,
  removeResource,
} from '@backend-labs/containers'
import type Docker from 'dockerode'

import { holdUntilExit } from '../../engine/process-resources.ts'

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
  private registryPromise: Promise<SessionRegistry> | undefined
  private networkPromise: Promise<string> | undefined
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

  /** The per-run user-defined network every app and service of this grade joins. */
  networkName(): Promise<string> {
    this.networkPromise ??= this.registry().then(async (registry) => {
      const network = await registry.createNetwork()
      return (await network.inspect()).Name as string
    })
    return this.networkPromise
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
   * the intermediate stages they leave dangling.
   */
  discardAtEnd(imageIds: string[]): void {
    this.discarded.push(imageIds)
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
            .remove({ force: true })
            .catch(() => {})
      return report
    } catch {
      return undefined
    }
  }
}
