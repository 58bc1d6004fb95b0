import { setTimeout as sleep } from 'node:timers/promises'
import { captureLogs, ensureImage, hardenedCreateOptions, IMAGE_CATALOG } from '@backend-labs/containers'
import type { RunningService, ServiceOptions } from '@backend-labs/http-kit'
import { EnvironmentError, scaledWait } from '@backend-labs/lab-kit'
import type Docker from 'dockerode'
import type { DockerSession } from './docker-session.ts'
import { execCommand } from './exec-command.ts'

const POSTGRES_PORT = 5432
/** On a quiet machine; initdb plus two server starts took over 60 s at load 30–60 on 2 cores, so it stretches (scaledWait). */
const READY_TIMEOUT_MS = 60_000
/**
 * The least the image needs back after CapDrop ALL (each one tried away): the entrypoint runs as
 * root, chowns and chmods the data folder (CHOWN, FOWNER; DAC_OVERRIDE to read it again on a restart,
 * when it is postgres's 0700) and drops to the postgres user (SETUID, SETGID). KILL lets the init
 * process (root) forward `docker stop`'s signal to postgres: without it stops take the full grace.
 */
const POSTGRES_CAPS = ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETUID', 'SETGID', 'KILL']

/**
 * Starts the catalog's postgres image on the run network under `alias` (never published on the
 * host), and waits until a real query over TCP works: the entrypoint's first server only listens on
 * its socket while it initialises, so a TCP answer means the database is ready.
 */
export async function startPostgres(
  session: DockerSession,
  options: ServiceOptions,
): Promise<RunningService> {
  const image = IMAGE_CATALOG.postgres.ref
  const docker = await session.docker()
  await ensureImage(docker, image)
  const registry = await session.registry()
  const networkName = await session.networkName()
  const env = { POSTGRES_USER: 'app', POSTGRES_PASSWORD: 'app', POSTGRES_DB: 'app', ...options.env }
  const user = env.POSTGRES_USER
  const database = env.POSTGRES_DB
  const password = env.POSTGRES_PASSWORD
  const create = hardenedCreateOptions({
    image,
    networkName,
    env,
    capAdd: POSTGRES_CAPS,
    binds: await session.volumeBinds(options.volumes),
  })
  const container = await registry.createContainer({
    ...create,
    NetworkingConfig: { EndpointsConfig: { [networkName]: { Aliases: [options.alias] } } },
  })
  await container.start()
  const ready = () => waitForQuery(container, { user, database, password }, options.alias)
  await ready()
  const credentials = `${encodeURIComponent(user)}:${encodeURIComponent(password)}`
  return {
    alias: options.alias,
    containerId: container.id,
    connectionEnv: {
      DATABASE_URL: `postgres://${credentials}@${options.alias}:${POSTGRES_PORT}/${encodeURIComponent(database)}`,
      PGHOST: options.alias,
      PGPORT: String(POSTGRES_PORT),
      PGUSER: user,
      PGPASSWORD: password,
      PGDATABASE: database,
    },
    async restart() {
      await container.restart({ t: 10 })
      await ready()
    },
    async pause() {
      await container.pause()
    },
    async unpause() {
      await container.unpause()
    },
  }
}

async function waitForQuery(
  container: Docker.Container,
  login: { user: string; database: string; password: string },
  alias: string,
): Promise<void> {
  // initdb and two server starts: slow on a busy machine, so the wait stretches with it
  const readyTimeoutMs = scaledWait(READY_TIMEOUT_MS)
  const deadline = Date.now() + readyTimeoutMs
  const query = ['psql', '-h', '127.0.0.1', '-U', login.user, '-d', login.database, '-tAc', 'select 1']
  while (Date.now() < deadline) {
    const info = await container.inspect()
    if (!info.State.Running)
      throw await notStarted(container, alias, `it exited with code ${info.State.ExitCode}`)
    const result = await execCommand(container, query, {
      timeoutMs: 5000,
      env: { PGPASSWORD: login.password },
    })
    if (result.exitCode === 0 && result.stdout.trim() === '1') return
    await sleep(250)
  }
  throw await notStarted(container, alias, `it did not accept queries within ${readyTimeoutMs / 1000} s`)
}

async function notStarted(
  container: Docker.Container,
  alias: string,
  why: string,
): Promise<EnvironmentError> {
  const logs = await captureLogs(container, { capBytes: 16 * 1024 }).catch(() => undefined)
  const tail =
    logs?.lines
      .slice(-10)
      .map((l) => `  ${l}`)
      .join('\n') ?? ''
  return new EnvironmentError(
    `The grader's database service "${alias}" (${IMAGE_CATALOG.postgres.ref}) did not start: ${why}.${tail ? `\nIts last log lines:\n${tail}` : ''}`,
    'This is not your fault. Run `pnpm labs doctor`, and `pnpm labs images seed` if the image is a broken stand-in.',
  )
}
