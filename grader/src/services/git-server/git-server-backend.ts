import {
  connectDocker,
  detectDockerRuntime,
  execCapture,
  IMAGE_CATALOG,
  imagePresence,
} from '@backend-labs/containers'
import { onProcessExit } from '../../engine/process-resources.ts'
import { addRepository } from './git-server-container.ts'
import { LocalGitServer } from './local-git-server.ts'
import { sharedGitServer } from './shared-git-server.ts'

/** Where the lab's git server runs: the `backend-labs/git-server` container, or a local git daemon. */
export type GitServerBackendKind = 'container' | 'local'

/** A git server that serves one repository per grade. */
export interface GitServerBackend {
  kind: GitServerBackendKind
  /** The run registry's id of the container backend (its labels), or `local`. */
  runId: string
  /** Serves a copy of the bare repository `seedDir` as `<repoName>.git`, and returns its git:// URL. */
  addRepository(seedDir: string, repoName: string): Promise<string>
  removeRepository(repoName: string): Promise<void>
}

/** The backend to use and, for the learner, which one it is and why. */
export interface BackendChoice {
  kind: GitServerBackendKind
  notice: string
}

const REFUSES = 'it refuses force pushes and deletions of what origin held when you started'

/**
 * The container when a Docker engine answers and the image is there; otherwise the local daemon,
 * which refuses pushes the same way. `LABS_GIT_SERVER=container|local` forces one.
 */
export async function chooseGitServerBackend(env = process.env): Promise<BackendChoice> {
  const forced = env.LABS_GIT_SERVER
  const local = (why: string): BackendChoice => ({
    kind: 'local',
    notice: `your pushes were replayed onto a local git daemon on 127.0.0.1 (${why}); ${REFUSES}, as the lab's server in a container does`,
  })
  const container: BackendChoice = {
    kind: 'container',
    notice: `your pushes were replayed onto the lab's git server in a Docker container; ${REFUSES}`,
  }
  if (forced === 'local') return local('LABS_GIT_SERVER=local')
  if (forced === 'container') return container
  const facts = await detectDockerRuntime({ env })
  if (!facts.reachable) return local('no Docker engine is reachable')
  const image = IMAGE_CATALOG.gitServer.ref
  const { presence } = await imagePresence(await connectDocker({ env }), image)
  if (presence === 'missing') return local(`the image ${image} is not on this machine`)
  return container
}

let localServer: Promise<LocalGitServer> | undefined

/** The process's one local git server, started on first use and closed when the process ends. */
function sharedLocalServer(): Promise<LocalGitServer> {
  if (!localServer) {
    const started = LocalGitServer.start()
    localServer = started
    onProcessExit(async () => (await started).close())
    started.catch(() => {
      localServer = undefined
    })
  }
  return localServer
}

/** The shared server of `kind`, started on first use. */
export async function gitServerBackend(kind: GitServerBackendKind, labId: string): Promise<GitServerBackend> {
  if (kind === 'local') {
    const server = await sharedLocalServer()
    return {
      kind,
      runId: 'local',
      addRepository: (seed, name) => server.addRepository(seed, name),
      removeRepository: (name) => server.removeRepository(name),
    }
  }
  const { server, registry } = await sharedGitServer(labId)
  return {
    kind,
    runId: registry.runId,
    addRepository: (seed, name) => addRepository(server, seed, name),
    async removeRepository(name) {
      await execCapture(server.container, ['rm', '-rf', `/srv/git/${name}.git`]).catch(() => {})
    },
  }
}
