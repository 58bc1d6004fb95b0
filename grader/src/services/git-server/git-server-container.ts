import { setTimeout as sleep } from 'node:timers/promises'
import {
  captureLogs,
  hardenedCreateOptions,
  IMAGE_CATALOG,
  imagePresence,
  LABEL,
  type RunRegistry,
  requireCurrentStandIn,
} from '@backend-labs/containers'
import { HardenedGit } from '@backend-labs/git-kit'
import { EnvironmentError, InternalError } from '@backend-labs/lab-kit'
import type Docker from 'dockerode'
import { tarFolder } from './repo-tar.ts'

const GIT_DAEMON_PORT = 9418
const MiB = 1024 * 1024

export interface GitServerOptions {
  registry: RunRegistry
  /** A bare repository on this machine, served as `<repoName>.git`. */
  seedDir: string
  repoName: string
  labId: string
  readyTimeoutMs?: number
}

/** A running git server, reachable at {@link url} (git://, 127.0.0.1 only). */
export interface StartedGitServer {
  /** The URL of the repository it was started with. */
  url: string
  hostPort: number
  container: Docker.Container
}

/**
 * Starts `backend-labs/git-server` with the hardened defaults on a per-run network, copies the seed
 * repository in before it starts, and waits until git daemon answers for it. Everything is created
 * through the registry, which removes it.
 */
export async function startGitServer(options: GitServerOptions): Promise<StartedGitServer> {
  const { registry } = options
  const image = IMAGE_CATALOG.gitServer.ref
  const found = await imagePresence(registry.docker, image)
  requireCurrentStandIn(image, found)
  if (found.presence === 'missing') {
    throw new EnvironmentError(
      `The image ${image} is not on this machine. This lab grades your pushes against a git server in a container.`,
      'Run `pnpm labs images seed` to build it, then grade again.',
    )
  }
  const network = await registry.createNetwork('git')
  const networkName = (await network.inspect()).Name as string
  const container = await registry.createContainer(
    hardenedCreateOptions({
      image,
      networkName,
      publishPorts: [GIT_DAEMON_PORT],
      memoryBytes: 256 * MiB,
      pidsLimit: 128,
      labels: { [LABEL.lab]: options.labId },
    }),
  )
  await container.putArchive(await tarFolder(options.seedDir, `${options.repoName}.git`), {
    path: '/srv/git',
  })
  await container.start()
  const info = await container.inspect()
  const hostPort = Number(info.NetworkSettings.Ports?.[`${GIT_DAEMON_PORT}/tcp`]?.[0]?.HostPort)
  if (!hostPort) throw new InternalError(`the git server published no port for ${GIT_DAEMON_PORT}`)
  const url = `git://127.0.0.1:${hostPort}/${options.repoName}.git`
  const git = new HardenedGit(options.seedDir)
  const deadline = Date.now() + (options.readyTimeoutMs ?? 15_000)
  // git daemon needs a moment after the start; Docker's proxy accepts connections before it listens.
  for (;;) {
    // A probe can also hang while the daemon starts under load: it is killed and tried again.
    const probe = await git
      .run(['ls-remote', '--heads', url], { allowFailure: true, timeoutMs: 3000 })
      .catch((error: Error) => ({ code: -1, stdout: '', stderr: error.message.split('\n')[0] ?? '' }))
    if (probe.code === 0) return { url, hostPort, container }
    const running = (await container.inspect()).State.Running
    if (!running || Date.now() > deadline) {
      const logs = await captureLogs(container, { capBytes: 8192 }).catch(() => undefined)
      throw new InternalError(
        `the git server did not answer on ${url} (${running ? 'still starting' : 'it exited'}): ${probe.stderr.trim()}${logs ? `\nserver log:\n${logs.lines.slice(-20).join('\n')}` : ''}`,
      )
    }
    await sleep(150)
  }
}

/**
 * Serves one more repository from a running server (git daemon exports every repository under
 * /srv/git, so it answers at once) and returns its URL.
 */
export async function addRepository(
  server: StartedGitServer,
  seedDir: string,
  repoName: string,
): Promise<string> {
  await server.container.putArchive(await tarFolder(seedDir, `${repoName}.git`), { path: '/srv/git' })
  return `git://127.0.0.1:${server.hostPort}/${repoName}.git`
}
