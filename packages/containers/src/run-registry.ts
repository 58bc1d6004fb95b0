import { randomBytes } from 'node:crypto'
import type Docker from 'dockerode'
import type { ContainerCreateOptions } from 'dockerode'
import { runLabels } from './labels.ts'
import { removeResource } from './resource-removal.ts'

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
 * How many container names of a run the sweep tries on a network it cannot remove. A run makes
 * fewer (the rate-limit lab's grade, the most, about 40).
 */
export const RUN_CONTAINER_NAMES = 256
const namesGiven = new Map<string, number>()

/**
 * The name of the `n`th container (from 1) a run made in process `pid`. Derived, not random: after
 * the process died, `sweepStale` can still name the endpoints its containers left on a network
 * (the engine's endpoint names are the container names; see `removeNetwork` in resource-removal.ts).
 */
export function runContainerName(runId: string, pid: number, n: number): string {
  return `backend-labs-${runId}-${pid.toString(36)}-${n}`.replace(/[^\w.-]/g, '-')
}

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
  /** Creation calls the engine has not answered yet (each settles after its result is tracked). */
  private readonly creating = new Set<Promise<void>>()
  private uninstall: (() => void) | undefined
  /** Names of the containers this run made: the engine's endpoint names on the run's networks. */
  private readonly containerNames: string[] = []

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
    return this.create('network', () =>
      this.docker.createNetwork({
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
      }),
    )
  }

  /**
   * Creates (does not start) a container with the run labels added, and tracks it. One without a
   * name is named after the run, so that the clean-up can still name its endpoint on a network after
   * the engine has lost track of the container ({@link removeNetwork}).
   */
  async createContainer(options: ContainerCreateOptions): Promise<Docker.Container> {
    // counted per run id in this process (two registries of one process may share a run id: tests do)
    const n = (namesGiven.get(this.runId) ?? 0) + 1
    namesGiven.set(this.runId, n)
    const name = options.name ?? runContainerName(this.runId, process.pid, n)
    this.containerNames.push(name)
    return this.create('container', () =>
      this.docker.createContainer({ ...options, name, Labels: { ...options.Labels, ...this.labels } }),
    )
  }

  /** A labelled, tracked named volume. */
  async createVolume(suffix = 'data'): Promise<string> {
    const name = `backend-labs-${this.runId}-${suffix}`
    await this.create('volume', async () => {
      await this.docker.createVolume({ Name: name, Labels: this.labels })
      return { id: name }
    })
    return name
  }

  /**
   * Runs one creation call and tracks what it made, in the same step, so the clean-up sees it.
   * A creation asked for after the clean-up began is refused; one already under way is waited for by
   * the clean-up (a signal that lands while the engine is still creating a container must not leave it
   * behind). Should it finish after the clean-up anyway, it is removed at once and the call fails.
   */
  private async create<T extends { id: string }>(kind: ResourceKind, call: () => Promise<T>): Promise<T> {
    if (this.disposing) throw this.cleanedUp(kind)
    const made = call().then((result) => {
      this.track(kind, result.id)
      return result
    })
    const settled = made.then(
      () => {},
      () => {},
    )
    this.creating.add(settled)
    void settled.then(() => this.creating.delete(settled))
    const result = await made
    if (!this.disposing) return result
    await this.disposing
    await removeResource(this.docker, { kind, id: result.id }, this.containerNames).catch(() => {})
    throw this.cleanedUp(kind)
  }

  private cleanedUp(kind: ResourceKind): Error {
    return new Error(`this run (${this.runId}) is being cleaned up: no ${kind} can be made for it now`)
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

  /** Waits (bounded) for the creation calls under way; false when they did not all answer in time. */
  private async creationsSettled(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), CREATION_WAIT_MS)
    })
    const all = Promise.allSettled([...this.creating]).then(() => true as const)
    try {
      return await Promise.race([all, timedOut])
    } finally {
      clearTimeout(timer)
    }
  }

  private async removeAll(): Promise<DisposeReport> {
    this.uninstall?.()
    const report: DisposeReport = { removed: [], failed: [] }
    const handled = new Set<TrackedResource>()
    // A resource whose creation was already under way when the clean-up began is tracked late, after
    // its kind's turn: passes repeat until one finds nothing new.
    for (;;) {
      const pending = this.resources.filter((r) => !handled.has(r))
      if (pending.length === 0) {
        if (this.creating.size === 0 || !(await this.creationsSettled())) return report
        continue
      }
      for (const kind of REMOVAL_ORDER) {
        const batch = pending.filter((r) => r.kind === kind)
        for (const resource of batch) handled.add(resource)
        const remove = async (resource: TrackedResource) => {
          try {
            await removeResource(this.docker, resource, this.containerNames)
            report.removed.push(resource)
          } catch (error) {
            const status = (error as { statusCode?: number }).statusCode
            if (status === 404) report.removed.push(resource)
            else report.failed.push({ ...resource, reason: (error as Error).message })
          }
        }
        if (ONE_AT_A_TIME.has(kind)) for (const resource of batch) await remove(resource)
        else await Promise.all(batch.map(remove))
      }
    }
  }
}

/**
 * Kinds removed one at a time. Removing containers (or disconnecting them) at once can deadlock
 * Docker 20.10's network controller (moby/moby#42545, fixed in later engines; Debian 12 ships
 * 20.10.24): a rate-limit grade's 30 testers removed together wedged the engine twice, after which
 * `docker network ls`, `create` and `info` never answer until dockerd restarts. One at a time costs
 * a few seconds on a grade with many containers.
 */
const ONE_AT_A_TIME = new Set<TrackedResource['kind']>(['container', 'network'])

/** How long the clean-up waits for creation calls still under way. */
const CREATION_WAIT_MS = 30_000
