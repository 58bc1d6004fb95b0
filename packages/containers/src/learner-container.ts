import { setTimeout as sleep } from 'node:timers/promises'
import type Docker from 'dockerode'
import { diagnoseExit, diagnoseNotReady, failure } from './container-diagnosis.ts'
import type { ContainerFailure } from './container-failure.ts'
import { type CapturedLogs, captureLogs, DEFAULT_LOG_CAP_BYTES, execCapture } from './container-logs.ts'
import { HARDENED_DEFAULTS, type HardenedRunOptions, hardenedCreateOptions } from './hardened-run-options.ts'
import { parseListeningSockets } from './listening-sockets.ts'
import { startPortRelay } from './port-relay.ts'
import { type ProxyCa, proxyCaBind, resolveProxyCa } from './proxy-ca.ts'
import { probeOnce, type Readiness } from './readiness.ts'
import type { RunRegistry } from './run-registry.ts'

export interface LearnerContainerOptions extends Omit<HardenedRunOptions, 'networkName' | 'publishPorts'> {
  image: string
  /** The port the app listens on inside the container. */
  port: number
  registry: RunRegistry
  /** The per-run network; one is created through the registry when omitted. */
  networkName?: string
  cmd?: string[]
  env?: Record<string, string>
  /** `uid` or `uid:gid`; default the image's USER. */
  user?: string
  /** Default `{ kind: 'http', path: '/' }`: any HTTP answer counts. */
  readiness?: Readiness
  /** Default 30 s. */
  readyTimeoutMs?: number
  /** Log bytes kept when reading logs; default 64 KiB. */
  logCapBytes?: number
  /** Default: the `LABS_PROXY_CA` setting; `null` for none. */
  proxyCa?: ProxyCa | null
}

export interface StopResult {
  durationMs: number
  exitCode: number
  /** Set when the app ignored SIGTERM and was killed after the grace period. */
  failure?: ContainerFailure
}

/** A learner container that answered on its port. */
export class StartedLearnerContainer {
  constructor(
    readonly container: Docker.Container,
    readonly port: number,
    /** The host port on 127.0.0.1 that reaches `port`. */
    readonly hostPort: number,
    private readonly logCapBytes: number,
    private readonly engineLogMaxBytes: number,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.hostPort}`
  }

  /** Logs so far, capped. Keep them out of hidden checks' messages. */
  logs(): Promise<CapturedLogs> {
    return captureLogs(this.container, {
      capBytes: this.logCapBytes,
      engineLogMaxBytes: this.engineLogMaxBytes,
    })
  }

  /** Sends SIGTERM, waits `graceMs`, then SIGKILL; reports an app that had to be killed. */
  async stop(graceMs = 5000): Promise<StopResult> {
    const started = Date.now()
    await this.container
      .stop({ t: Math.max(1, Math.ceil(graceMs / 1000)) })
      .catch((error: { statusCode?: number }) => {
        if (error.statusCode !== 304) throw error // 304: already stopped
      })
    const durationMs = Date.now() - started
    const info = await this.container.inspect()
    const exitCode = info.State.ExitCode
    if (exitCode !== 137 || durationMs < graceMs) return { durationMs, exitCode }
    const seconds = Math.round(graceMs / 1000)
    return {
      durationMs,
      exitCode,
      failure: failure(
        'ignored-sigterm',
        {
          expected: `the app to exit within ${seconds} s of SIGTERM (what \`docker stop\` sends)`,
          found: `it was still running after ${seconds} s and had to be killed`,
          hint: "Handle SIGTERM: close the server and exit, e.g. `process.on('SIGTERM', () => server.close(() => process.exit(0)))`.",
        },
        await this.logs(),
      ),
    }
  }
}

/** The pause after the first failed readiness probe; it doubles up to {@link READY_POLL_MAX_MS}. */
const READY_POLL_FIRST_MS = 50
const READY_POLL_MAX_MS = 200

/**
 * Starts `image` with the hardened options on the run's internal network (no route out, nothing
 * published) and a relay that publishes `port` on 127.0.0.1 ({@link startPortRelay}), then waits until
 * the app answers through it; everything is created through `options.registry`. Failures are
 * ContainerFailures for the learner, with logs apart.
 */
export async function startLearnerContainer(
  options: LearnerContainerOptions,
): Promise<StartedLearnerContainer> {
  const { registry, port } = options
  const networkName =
    options.networkName ?? (await (await registry.createNetwork('net', { internal: true })).inspect()).Name
  const ca = options.proxyCa === undefined ? resolveProxyCa() : (options.proxyCa ?? undefined)
  const container = await registry.createContainer(
    hardenedCreateOptions({
      ...options,
      networkName,
      env: { ...ca?.env, PORT: String(port), ...options.env },
      binds: [...(options.binds ?? []), ...(ca ? [proxyCaBind(ca)] : [])],
    }),
  )
  // the relay starts alongside the app: each is a container start, slow on a loaded machine
  const [, { hostPort }] = await Promise.all([
    container.start(),
    startPortRelay(registry, networkName, appTarget(container, port)),
  ])
  const logCapBytes = options.logCapBytes ?? DEFAULT_LOG_CAP_BYTES
  const readyTimeoutMs = options.readyTimeoutMs ?? 30_000
  const readiness = options.readiness ?? { kind: 'http', path: '/' }
  const deadline = Date.now() + readyTimeoutMs
  let info = await container.inspect()
  const engineLogMaxBytes = options.logMaxBytes ?? HARDENED_DEFAULTS.logMaxBytes
  const diagnosis = async () => ({
    container,
    info,
    logs: await captureLogs(container, { capBytes: logCapBytes, engineLogMaxBytes }),
    port,
    readyTimeoutMs,
  })

  let probes = 0
  while (true) {
    if (!info.State.Running) throw await diagnoseExit(await diagnosis())
    if (
      hostPort &&
      (await probeReady(
        container,
        port,
        hostPort,
        readiness,
        Math.min(1000, Math.max(100, deadline - Date.now())),
      ))
    )
      return new StartedLearnerContainer(container, port, hostPort, logCapBytes, engineLogMaxBytes)
    if (Date.now() >= deadline) throw await diagnoseNotReady(await diagnosis())
    // most apps answer within a few hundred ms: ask often at first, then every 200 ms
    await sleep(Math.min(READY_POLL_MAX_MS, READY_POLL_FIRST_MS * 2 ** probes++))
    info = await container.inspect()
  }
}

/** `host:port` of a container on its network: Docker gives every container its short id as an alias. */
export function appTarget(container: Docker.Container, port: number): string {
  return `${container.id.slice(0, 12)}:${port}`
}

/**
 * One readiness probe through the relay. A TCP connect alone proves nothing there (the relay accepts,
 * then closes when the app refuses), so `tcp` readiness also asks the container's own socket table
 * for a listener on `port` that is not loopback-only; an image without `cat` falls back to the probe.
 */
export async function probeReady(
  container: Docker.Container,
  port: number,
  hostPort: number,
  readiness: Readiness,
  budgetMs: number,
): Promise<boolean> {
  if (readiness.kind === 'tcp') {
    const table = await execCapture(container, ['cat', '/proc/net/tcp', '/proc/net/tcp6'])
    if (table !== undefined && /\bsl\b/.test(table)) {
      const listening = parseListeningSockets(table).some((s) => s.port === port && !s.loopbackOnly)
      if (!listening) return false
    }
  }
  return probeOnce(hostPort, readiness, budgetMs)
}
