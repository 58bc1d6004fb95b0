import type { CheckContext } from '@backend-labs/lab-kit'
import type { Sink, Tester } from './tester-plan.ts'

/**
 * What checks of a lab with `services: [docker]` receive: the learner's image and containers,
 * built and started lazily on first use, shared by the lab's checks, and always removed at the end.
 * Every container runs with the hardened defaults (limits, no privileges) on a per-run internal
 * network with no route out; the grader reaches an app through a relay container that publishes one
 * port on 127.0.0.1 (`RunningApp.url`).
 */
export interface ApiCheckContext extends CheckContext {
  docker: DockerLab
}

export interface DockerLab {
  /**
   * Builds the submission's Dockerfile once per grade (a learner-facing failure names the failing
   * instruction). Give the build check's `timeoutMs` a margin over the build's own (default 100 s),
   * so the build's timeout fires first and names the stuck step.
   */
  image(options?: { timeoutMs?: number }): Promise<BuiltImage>
  /**
   * Starts the app from the image (once per `key`; default key `app`), waits until it answers, and
   * returns it. A start or readiness problem is a learner-facing failure with the last log lines.
   */
  app(options?: AppOptions): Promise<RunningApp>
  /**
   * Builds the lab's own starter (from the lab's folder, never the submission) once per grade and
   * starts it like `app()`: same hardened limits, same run network. A baseline for speed ratios
   * measured in the same grading run, so the machine's load weighs on both alike. Keys are apart
   * from `app()`'s. Only for labs whose starter is a folder with a Dockerfile.
   */
  starterApp(options?: AppOptions): Promise<RunningApp>
  /** Starts a catalog image (e.g. `postgres`) on the run network under `alias`. */
  service(key: 'postgres', options: ServiceOptions): Promise<RunningService>
  /**
   * Starts `count` tester containers (the catalog's `tester` image) on the run network (or on
   * `network`, as `AppOptions.network`), each with its own address, once per `key` (default
   * `testers`); plans run in them with `Tester.run`.
   */
  testers(count: number, options?: { key?: string; network?: string }): Promise<Tester[]>
  /**
   * Starts a sink on the run network (a tester container answering every request 200 "ok"), once per
   * `key` (default `sink`): a target for baseline traffic that the app under test has no say in.
   */
  sink(options?: { key?: string }): Promise<Sink>
  /**
   * Rebuilds the image after appending a comment to `path` in a private copy of the context,
   * and reports which build steps came from the cache.
   */
  rebuildAfterTouch(path: string): Promise<RebuildReport>
}

export interface BuiltImage {
  ref: string
  id: string
  sizeBytes: number
  /** The `USER` the image runs as ('' when root by default). */
  user: string
  /** The HEALTHCHECK test, if any, e.g. ['CMD-SHELL', 'node healthcheck.js']. */
  healthcheck?: string[]
  env: string[]
  exposedPorts: string[]
  entrypoint: string[]
  cmd: string[]
  /** Layer history, oldest first: the instruction that made each layer and its size. */
  history: { createdBy: string; sizeBytes: number }[]
  /** Paths (absolute, in the image) matching a glob-free prefix list, found by a throwaway container. */
  findFiles(prefixes: string[], options?: { maxResults?: number }): Promise<string[]>
  /** A file's content inside the image, or undefined. */
  readFile(path: string): Promise<string | undefined>
  /** Runs a command in a throwaway container of the image (hardened, no network). */
  run(cmd: string[], options?: { timeoutMs?: number; user?: string }): Promise<ExecResult>
}

export interface AppOptions {
  /** Several checks asking for the same key share one container. */
  key?: string
  env?: Record<string, string>
  /** The port the app listens on inside the container; default from env.PORT, else 3000. */
  port?: number
  readonlyRootfs?: boolean
  tmpfs?: string[]
  /** `uid` or `uid:gid` to run as instead of the image's USER (as a pod's runAsUser/runAsGroup). */
  user?: string
  /** Memory limit (no swap); default the hardened 512 MiB. */
  memoryBytes?: number
  /** CPU limit; default the hardened 1 CPU. */
  cpus?: number
  /** Named volumes (created for this run, removed at the end) mounted at paths. */
  volumes?: { name: string; path: string }[]
  /** Default: any HTTP answer on `/`. */
  readiness?: { kind: 'http'; path?: string } | { kind: 'tcp' }
  readyTimeoutMs?: number
  /** Expect the container to exit instead of serving (e.g. a missing config must fail fast). */
  expectExit?: boolean
  /**
   * Starts it on another internal network of the run, by name, instead of the run network: only
   * containers started with the same `network` reach it (e.g. a baseline the learner's app must not
   * be able to disturb).
   */
  network?: string
}

export interface RunningApp {
  /** Base URL on 127.0.0.1, e.g. http://127.0.0.1:49153 */
  url: string
  /** Base URL on the run network, for tester containers: e.g. http://3f2a9c1b7d0e:3000 */
  networkUrl: string
  containerId: string
  /** Logs so far (capped). Never put them in a hidden check's message. */
  logs(): Promise<string>
  /** SIGTERM, then SIGKILL after `graceMs`; reports how long it took. */
  stop(graceMs?: number): Promise<{ durationMs: number; exitCode: number; killed: boolean }>
  /** Restarts the same container and waits until it answers again. */
  restart(): Promise<void>
  /**
   * Freezes every process of the container (Docker's pause) until `unpause()`: while another app is
   * measured, this one can do nothing, not even in the background.
   */
  pause(): Promise<void>
  unpause(): Promise<void>
  /** Docker's health status: 'healthy' | 'unhealthy' | 'starting' | 'none'. */
  health(): Promise<string>
  exec(cmd: string[], options?: { timeoutMs?: number }): Promise<ExecResult>
  /** Set when the app was started with `expectExit` and exited: its exit code and logs. */
  exited?: { exitCode: number; logs: string }
  /** Its exit code and last log lines when the container has stopped (crashed); undefined while it runs. */
  exitState?(): Promise<{ exitCode: number; oomKilled: boolean; logs: string[] } | undefined>
}

export interface RunningService {
  alias: string
  containerId: string
  /** Environment the app needs to reach it, e.g. { DATABASE_URL: 'postgres://…@db:5432/app' }. */
  connectionEnv: Record<string, string>
  restart(): Promise<void>
  /** Freezes the service's processes (Docker's pause) until `unpause()`, as RunningApp's. */
  pause(): Promise<void>
  unpause(): Promise<void>
}

export interface ServiceOptions {
  alias: string
  env?: Record<string, string>
  volumes?: { name: string; path: string }[]
}

export interface ExecResult {
  exitCode: number
  stdout: string
  stderr: string
  /** The command was still running at its deadline and was abandoned (exitCode is then 124). */
  timedOut?: true
}

export interface RebuildReport {
  totalSteps: number
  cachedSteps: number
  /** The learner's steps (FROM lines left out), each with its stage: the index of its FROM, from 0. */
  steps: { instruction: string; cached: boolean; stage: number }[]
  /** For each stage, the earlier stage it is built FROM (`FROM deps AS compile`), or null for an image. */
  stageBases: (number | null)[]
}
