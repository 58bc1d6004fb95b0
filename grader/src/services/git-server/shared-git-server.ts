import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connectDocker, RunRegistry } from '@backend-labs/containers'
import { HardenedGit } from '@backend-labs/git-kit'
import { EnvironmentError } from '@backend-labs/lab-kit'
import { onProcessExit } from '../../engine/process-resources.ts'
import { type StartedGitServer, startGitServer } from './git-server-container.ts'

export interface SharedGitServer {
  server: StartedGitServer
  registry: RunRegistry
}

/** One server per engine endpoint (tests point DOCKER_HOST elsewhere); a failed start is not kept. */
const servers = new Map<string, Promise<SharedGitServer>>()

/**
 * The grading process's one git server, started on first use and removed when the process ends
 * (or by the next run's sweep, if it is killed). Each grade serves its own repository from it,
 * so a batch of grades pays for one container start, not one each.
 */
export function sharedGitServer(labId: string): Promise<SharedGitServer> {
  const key = process.env.DOCKER_HOST ?? ''
  let shared = servers.get(key)
  if (!shared) {
    shared = start(labId)
    servers.set(key, shared)
    shared.catch(() => servers.delete(key))
  }
  return shared
}

/** connectDocker's error names container builds; this server needs Docker only to run git. */
async function dockerForGitServer() {
  try {
    return await connectDocker()
  } catch (error) {
    if (!(error instanceof EnvironmentError)) throw error
    throw new EnvironmentError(
      `${error.message.replace(/ This lab needs one to build and run containers\.$/, '')} This lab grades your pushes on a git server in a container.`,
      `${error.hint ?? ''} Without Docker, leave LABS_GIT_SERVER unset: a local git daemon then serves the lab's remote.`.trim(),
    )
  }
}

async function start(labId: string): Promise<SharedGitServer> {
  const registry = new RunRegistry(await dockerForGitServer())
  onProcessExit(() => registry.dispose())
  const tmp = await mkdtemp(join(tmpdir(), 'labs-git-probe-'))
  try {
    await new HardenedGit(tmp).run(['init', '-q', '--bare', join(tmp, 'probe.git')])
    const server = await startGitServer({
      registry,
      seedDir: join(tmp, 'probe.git'),
      repoName: 'probe',
      labId,
    })
    return { server, registry }
  } catch (error) {
    await registry.dispose()
    throw error
  } finally {
    await rm(tmp, { recursive: true, force: true })
  }
}
