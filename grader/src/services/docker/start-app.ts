import {
  appTarget,
  hardenedCreateOptions,
  proxyCaBind,
  type Readiness,
  resolveProxyCa,
  startLearnerContainer,
  startPortRelay,
} from '@backend-labs/containers'
import type { AppOptions } from '@backend-labs/http-kit'
import { scaledWait } from '@backend-labs/lab-kit'
import { exitWithin } from './container-exit.ts'
import type { DockerSession } from './docker-session.ts'
import { exitLogs, learnerContainer, RunningAppHandle } from './running-app.ts'

export const DEFAULT_APP_PORT = 3000
const DEFAULT_READY_TIMEOUT_MS = 30_000
const DEFAULT_EXIT_TIMEOUT_MS = 10_000
const TMPFS_OPTIONS = 'rw,nosuid,size=64m'

/**
 * Starts the learner's image on the run network with the hardened defaults. Normally it waits until
 * the app answers (a ContainerFailure with the logs apart when it does not); with `expectExit` it
 * waits (bounded by `readyTimeoutMs`, default 10 s) for the container to exit and records how.
 */
export async function startApp(
  session: DockerSession,
  image: string,
  options: AppOptions = {},
): Promise<RunningAppHandle> {
  const registry = await session.registry()
  const networkName = await session.networkName(options.network)
  const port = options.port ?? (options.env?.PORT ? Number(options.env.PORT) : DEFAULT_APP_PORT)
  const env = { PORT: String(port), ...options.env }
  const binds = await session.volumeBinds(options.volumes)
  const tmpfs = options.tmpfs?.length
    ? Object.fromEntries(options.tmpfs.map((path) => [path, TMPFS_OPTIONS]))
    : undefined
  const readiness: Readiness = options.readiness ?? { kind: 'http', path: '/' }
  const run = {
    image,
    networkName,
    env,
    binds,
    readonlyRootfs: options.readonlyRootfs ?? false,
    tmpfs,
    user: options.user,
    memoryBytes: options.memoryBytes,
    cpus: options.cpus,
  }

  if (!options.expectExit) {
    // a busy machine starts containers slowly: the wait stretches with it (machineTimeScale)
    const readyTimeoutMs = scaledWait(options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS)
    const started = await startLearnerContainer({ ...run, registry, port, readiness, readyTimeoutMs })
    return new RunningAppHandle(started, { port, readiness, readyTimeoutMs })
  }

  const ca = resolveProxyCa()
  const container = await registry.createContainer(
    hardenedCreateOptions({
      ...run,
      env: { ...ca?.env, ...env },
      binds: [...binds, ...(ca ? [proxyCaBind(ca)] : [])],
    }),
  )
  await container.start()
  const exitCode = await exitWithin(container, scaledWait(options.readyTimeoutMs ?? DEFAULT_EXIT_TIMEOUT_MS))
  // a relay only for an app that still runs: an exited one has nothing to answer
  const hostPort =
    exitCode === undefined
      ? (await startPortRelay(registry, networkName, appTarget(container, port))).hostPort
      : 0
  const handle = new RunningAppHandle(learnerContainer(container, port, hostPort), {
    port,
    readiness,
    readyTimeoutMs: scaledWait(options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS),
  })
  if (exitCode !== undefined) handle.exited = { exitCode, logs: await exitLogs(container) }
  return handle
}
