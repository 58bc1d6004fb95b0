import { detectDockerRuntime, dockerClient, ensureImage, imagePresence } from '@backend-labs/containers'

/** What the engine choice needs to know about the machine. */
export interface DockerFacts {
  reachable: boolean
  /** Why Docker could not be reached, when it could not. */
  unreachableReason?: string
  /** The image itself is here (an offline stand-in does not count: nothing stands in for SQL Server). */
  imagePresent: boolean
  /** The engine's architecture (`amd64`, `arm64`), or the host's when Docker is unreachable. */
  architecture: string
}

export interface DockerFactsOptions {
  env?: NodeJS.ProcessEnv
  timeoutMs?: number
  /**
   * Try to pull a missing image (never when LABS_OFFLINE=1). Off by default: selecting an engine
   * should not start a 1.5 GB download; `labs images pull` or the CI setup can do that on purpose.
   */
  pull?: boolean
}

/** Asks the Docker engine (found as testcontainers finds it) whether it answers and whether `image` is here. */
export async function detectDockerFacts(
  image: string,
  options: DockerFactsOptions = {},
): Promise<DockerFacts> {
  const env = options.env ?? process.env
  const runtime = await detectDockerRuntime({
    env,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  })
  const hostArch = process.arch === 'x64' ? 'amd64' : process.arch
  if (!runtime.reachable || !runtime.endpoint)
    return {
      reachable: false,
      unreachableReason: runtime.notes.join('; '),
      imagePresent: false,
      architecture: hostArch,
    }
  const docker = dockerClient(runtime.endpoint, options.timeoutMs ?? 5_000, env)
  let { presence } = await imagePresence(docker, image)
  if (presence === 'missing' && options.pull) {
    presence = await ensureImage(dockerClient(runtime.endpoint, undefined, env), image).catch(
      () => 'missing' as const,
    )
  }
  return { reachable: true, imagePresent: presence === 'present', architecture: runtime.arch ?? hostArch }
}
