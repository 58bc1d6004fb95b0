import { buildLearnerImage } from '@backend-labs/containers'
import type {
  AppOptions,
  BuiltImage,
  DockerLab,
  RebuildReport,
  RunningApp,
  RunningService,
  ServiceOptions,
  Sink,
  Tester,
} from '@backend-labs/http-kit'
import type { ServiceLeftovers } from '../service-provider.ts'
import { describeImage } from './built-image.ts'
import { DockerSession } from './docker-session.ts'
import { startPostgres } from './postgres-service.ts'
import { rebuildAfterTouch } from './rebuild-after-touch.ts'
import { startApp } from './start-app.ts'
import { startSink, startTesters } from './tester-containers.ts'

/**
 * What a lab's checks see as `ctx.docker`. Everything is lazy and shared by the lab's checks: the
 * image is built once, each app `key` and each service alias starts once (a failure is remembered,
 * so later checks get the same failure instead of another start).
 */
export class LazyDockerLab implements DockerLab {
  private built: Promise<BuiltImage> | undefined
  /** True when the image was already there from an earlier grade (no build ran now). */
  private builtEarlier = false
  /** The original build's output (empty when it came from an earlier grade): its stage heads. */
  private buildOutput = ''
  private starterBuilt: Promise<BuiltImage> | undefined
  private readonly apps = new Map<string, Promise<RunningApp>>()
  private readonly services = new Map<string, Promise<RunningService>>()
  private readonly rebuilds = new Map<string, Promise<RebuildReport>>()
  private readonly testerGroups = new Map<string, Promise<Tester[]>>()
  private readonly sinks = new Map<string, Promise<Sink>>()

  constructor(
    private readonly contextDir: string,
    private readonly labId: string,
    readonly session: DockerSession = new DockerSession(),
    /** The lab's starter folder (trusted: the lab's own files), for `starterApp()`. */
    private readonly starterDir?: string,
  ) {}

  image(options: { timeoutMs?: number } = {}): Promise<BuiltImage> {
    this.built ??= (async () => {
      const docker = await this.session.docker()
      const image = await buildLearnerImage(docker, {
        contextDir: this.contextDir,
        labId: this.labId,
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        ...(await this.session.buildSettings()),
      })
      this.builtEarlier = image.cached
      // a truncated output may have lost the first stages' heads: then no cache sources at all
      this.buildOutput = image.outputTruncated ? '' : image.output
      return describeImage(this.session, image.ref)
    })()
    return this.built
  }

  app(options: AppOptions = {}): Promise<RunningApp> {
    const key = options.key ?? 'app'
    let app = this.apps.get(key)
    if (!app) {
      app = this.image().then((image) => startApp(this.session, image.ref, options))
      this.apps.set(key, app)
    }
    return app
  }

  starterApp(options: AppOptions = {}): Promise<RunningApp> {
    const key = `starter:${options.key ?? 'app'}`
    let app = this.apps.get(key)
    if (!app) {
      const starterDir = this.starterDir
      if (!starterDir) throw new TypeError(`lab ${this.labId} has no starter folder to build a baseline from`)
      // the same content as an unchanged submission gives the same cached image
      this.starterBuilt ??= (async () => {
        const docker = await this.session.docker()
        const image = await buildLearnerImage(docker, {
          contextDir: starterDir,
          labId: this.labId,
          ...(await this.session.buildSettings()),
        })
        return describeImage(this.session, image.ref)
      })()
      app = this.starterBuilt.then((image) => startApp(this.session, image.ref, options))
      this.apps.set(key, app)
    }
    return app
  }

  service(key: 'postgres', options: ServiceOptions): Promise<RunningService> {
    if (key !== 'postgres') throw new TypeError(`unknown service "${key}": only postgres is available`)
    const id = `${key}:${options.alias}`
    let service = this.services.get(id)
    if (!service) {
      service = startPostgres(this.session, options)
      this.services.set(id, service)
    }
    return service
  }

  /** Once per key and grade: a second call with the same key gets the same containers. */
  testers(count: number, options: { key?: string; network?: string } = {}): Promise<Tester[]> {
    const key = options.key ?? 'testers'
    let group = this.testerGroups.get(key)
    if (!group) {
      group = startTesters(this.session, count, options.network)
      this.testerGroups.set(key, group)
    }
    return group
  }

  /** Once per key and grade, like testers(). */
  sink(options: { key?: string } = {}): Promise<Sink> {
    const key = options.key ?? 'sink'
    let sink = this.sinks.get(key)
    if (!sink) {
      sink = startSink(this.session)
      this.sinks.set(key, sink)
    }
    return sink
  }

  /** Once per path and grade: a second build of the same touched context would be all cache. */
  rebuildAfterTouch(path: string): Promise<RebuildReport> {
    let report = this.rebuilds.get(path)
    if (!report) {
      report = this.image().then((original) =>
        rebuildAfterTouch(this.session, this.contextDir, this.labId, path, {
          id: original.id,
          ref: original.ref,
          fromEarlierGrade: this.builtEarlier,
          output: this.buildOutput,
        }),
      )
      this.rebuilds.set(path, report)
    }
    return report
  }

  /**
   * Removes every container, network, volume and temporary image of this grade; never throws. Returns
   * what the engine would not let go of.
   */
  async dispose(): Promise<ServiceLeftovers> {
    const report = await this.session.dispose()
    return { leftovers: report?.failed ?? [] }
  }
}
