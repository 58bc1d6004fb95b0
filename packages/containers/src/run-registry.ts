import { randomBytes } from 'node:crypto'
import type Docker from 'dockerode'
import type { ContainerCreateOptions } from 'dockerode'
import { runLabels } from './labels.ts'

export type ResourceKind = 'container' | 'network' | 'volume' | 'image'

export interface TrackedResource {
  kind: ResourceKind
  id: string
}

/** What `dispose()` removed and what it could not. */
export interface DisposeReport {
  removed: TrackedResource[]
  failed: (TrackedResource & { reason: string })[]
}

const REMOVAL_ORDER: ResourceKind[] = ['container', 'network', 'volume', 'image']

/**
 * Owns every container, network, volume and temporary image one grading run creates. Each carries
 * the run labels (run id, pid, host, created), so what `dispose()` misses — because the process was
 * killed — the next start's `sweepStale()` finds.
 */
export class RunRegistry {
  readonly runId: string
  readonly labels: Record<string, string>
  private readonly resources: TrackedResource[] = []
  private disposing: Promise<DisposeReport> | undefined
  private uninstall: (() => void) | undefined

  constructor(
    readonly docker: Docker,
    runId: string = `run-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`,
  ) {
    this.runId = runId
    this.labels = runLabels(runId)
  }

  /** Starts tracking a resource created elsewhere (it should carry {@link labels} too). */
  track(kind: ResourceKind, id: string): void {
    this.resources.push({ kind, id })
  }

  get tracked(): readonly TrackedResource[] {
    return this.resources
  }

  /**
   * A user-defined bridge network for this run, labelled and tracked. `internal` networks (every
   * network learner code joins) have no route out and no address of the host on them.
   */
  async createNetwork(suffix = 'net', options: { internal?: boolean } = {}): Promise<Docker.Network> {
    const network = await this.docker.createNetwork({
      Name: `backend-labs-${this.runId}-${suffix}`,
      Driver: 'bridge',
      CheckDuplicate: true,
      Labels: this.labels,
      ...(options.internal
        ? {
            Internal: true,
            // Docker quirk: an internal bridge still holds the gateway address on the host, so a
            // container reaches every host listener through it; with no IPv4 on the bridge it cannot.
            Options: { 'com.docker.network.bridge.inhibit_ipv4': 'true' },
          }
        : {}),
    })
    await this.trackNew({ kind: 'network', id: network.id })
    return network
  }

  /** Creates (does not start) a container with the run labels added, and tracks it. */
  async createContainer(options: ContainerCreateOptions): Promise<Docker.Container> {
    const container = await this.docker.createContainer({
      ...options,
      Labels: { ...options.Labels, ...this.labels },
    })
    await this.trackNew({ kind: 'container', id: container.id })
    return container
  }

  /** A labelled, tracked named volume. */
  async createVolume(suffix = 'data'): Promise<string> {
    const name = `backend-labs-${this.runId}-${suffix}`
    await this.docker.createVolume({ Name: name, Labels: this.labels })
    await this.trackNew({ kind: 'volume', id: name })
    return name
  }

  /**
   * Tracks what was just made; when the clean-up has already begun (a timed-out check's work still
   * creating testers, say), removes it at once and refuses, so nothing outlives the run.
   */
  private async trackNew(resource: TrackedResource): Promise<void> {
    if (!this.disposing) {
      this.track(resource.kind, resource.id)
      return
    }
    await this.disposing
    await removeResource(this.docker, resource).catch(() => {})
    throw new Error(
      `this run (${this.runId}) is being cleaned up: a ${resource.kind} made now was removed at once`,
    )
  }

  /** Removes everything tracked (containers first, forcefully), once; later calls share the result. */
  dispose(): Promise<DisposeReport> {
    this.disposing ??= this.removeAll()
    return this.disposing
  }

  /**
   * Cleans up on SIGINT/SIGTERM (then exits 130/143) and on an uncaught exception or unhandled
   * rejection (then exits 4). For the CLI entry point; returns a function that removes the handlers.
   */
  installExitHandlers(options: { onCrash?: (error: unknown) => void } = {}): () => void {
    const exitAfterCleanup = (code: number) => {
      void this.dispose().finally(() => process.exit(code))
    }
    const onSigint = () => exitAfterCleanup(130)
    const onSigterm = () => exitAfterCleanup(143)
    const onCrash = (error: unknown) => {
      options.onCrash?.(error)
      exitAfterCleanup(4)
    }
    process.once('SIGINT', onSigint)
    process.once('SIGTERM', onSigterm)
    process.once('uncaughtException', onCrash)
    process.once('unhandledRejection', onCrash)
    this.uninstall = () => {
      process.off('SIGINT', onSigint)
      process.off('SIGTERM', onSigterm)
      process.off('uncaughtException', onCrash)
      process.off('unhandledRejection', onCrash)
    }
    return this.uninstall
  }

  private async removeAll(): Promise<DisposeReport> {
    this.uninstall?.()
    const report: DisposeReport = { removed: [], failed: [] }
    const handled = new Set<TrackedResource>()
    // A resource whose creation was already under way when the clean-up began is tracked late, after
    // its kind's turn: passes repeat until one finds nothing new.
    for (;;) {
      const pending = this.resources.filter((r) => !handled.has(r))
      if (pending.length === 0) return report
      for (const kind of REMOVAL_ORDER) {
        const batch = pending.filter((r) => r.kind === kind)
        for (const resource of batch) handled.add(resource)
        await Promise.all(
          batch.map(async (resource) => {
            try {
              await removeResource(this.docker, resource)
              report.removed.push(resource)
            } catch (error) {
              const status = (error as { statusCode?: number }).statusCode
              if (status === 404) report.removed.push(resource)
              else report.failed.push({ ...resource, reason: (error as Error).message })
            }
          }),
        )
      }
    }
  }
}

/**
 * Removes one resource; containers are killed and removed with their anonymous volumes. An image is
 * removed alone (`noprune`): its untagged parents may be layers a running build just took from the
 * cache.
 */
export async function removeResource(docker: Docker, resource: TrackedResource): Promise<void> {
  switch (resource.kind) {
    case 'container':
      return docker.getContainer(resource.id).remove({ force: true, v: true })
    case 'network':
      return removeNetwork(docker, resource.id)
    case 'volume':
      return docker.getVolume(resource.id).remove()
    case 'image':
      return docker.getImage(resource.id).remove({ force: true, noprune: true })
  }
}

const NETWORK_REMOVAL_TRIES = 8

/**
 * Removes a network. The engine can still count an endpoint of a container it has just removed
 * ("has active endpoints", a known moby race), so the removal disconnects whatever the network still
 * lists, forcefully, and tries again, with a growing pause, before it gives up.
 */
async function removeNetwork(docker: Docker, id: string): Promise<void> {
  const network = docker.getNetwork(id)
  for (let attempt = 1; ; attempt++) {
    try {
      await network.remove()
      return
    } catch (error) {
      const message = (error as Error).message ?? ''
      if (attempt >= NETWORK_REMOVAL_TRIES || !/active endpoints/i.test(message)) throw error
    }
    const info = (await network.inspect().catch(() => undefined)) as
      | { Containers?: Record<string, unknown> }
      | undefined
    await Promise.all(
      Object.keys(info?.Containers ?? {}).map((container) =>
        network.disconnect({ Container: container, Force: true }).catch(() => {}),
      ),
    )
    await new Promise((resolve) => setTimeout(resolve, 100 * attempt))
  }
}
