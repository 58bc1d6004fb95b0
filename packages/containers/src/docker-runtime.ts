import { EnvironmentError } from '@backend-labs/lab-kit'
import type Docker from 'dockerode'
import { type DockerEndpoint, dockerClient, resolveDockerEndpoint } from './docker-endpoint.ts'
import { answerDeadlineFrom, engineStillAnswers } from './engine-answer-deadline.ts'

/** What `labs doctor` shows about the container engine. */
export interface DockerRuntimeFacts {
  reachable: boolean
  /** How it was found; undefined when no socket exists and DOCKER_HOST is unset. */
  endpoint?: DockerEndpoint
  serverVersion?: string
  apiVersion?: string
  os?: string
  arch?: string
  /** The engine can run BuildKit builds (API >= 1.39 and not Podman's compat API). */
  buildkit?: boolean
  /** Why it is unreachable, or hints about this engine (Podman, Colima, rootless). */
  notes: string[]
}

export const DOCKER_PROBE_TIMEOUT_MS = 1000
/** How long grading waits for the engine to answer at first. */
const GRADING_PROBE_TIMEOUT_MS = 10_000

/**
 * Finds the engine the way testcontainers does (DOCKER_HOST, then the usual sockets) and asks it
 * for its version with a short timeout. Never pulls or starts anything.
 */
export async function detectDockerRuntime(
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<DockerRuntimeFacts> {
  const env = options.env ?? process.env
  const endpoint = resolveDockerEndpoint(env)
  if (!endpoint) {
    return { reachable: false, notes: ['no DOCKER_HOST is set and no Docker or Podman socket was found'] }
  }
  // a loaded engine can take seconds to answer /version: LABS_DOCKER_PROBE_TIMEOUT_MS allows for it
  const timeoutMs = options.timeoutMs ?? (Number(env.LABS_DOCKER_PROBE_TIMEOUT_MS) || DOCKER_PROBE_TIMEOUT_MS)
  const docker = dockerClient(endpoint, timeoutMs, env)
  try {
    const version = await withDeadline(docker.version(), timeoutMs)
    const podman = endpoint.flavour === 'podman' || /podman/i.test(JSON.stringify(version.Components ?? []))
    return {
      reachable: true,
      endpoint: podman ? { ...endpoint, flavour: 'podman' } : endpoint,
      serverVersion: version.Version,
      apiVersion: version.ApiVersion,
      os: version.Os,
      arch: version.Arch,
      buildkit: !podman && apiAtLeast(version.ApiVersion, 1, 39),
      notes: flavourNotes(podman ? 'podman' : endpoint.flavour, env),
    }
  } catch (error) {
    return { reachable: false, endpoint, notes: [`${endpoint.address} did not answer: ${reason(error)}`] }
  }
}

/** The facts, or an EnvironmentError (exit 3) saying what to do when no engine answers. */
export async function requireDockerRuntime(
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<DockerRuntimeFacts & { endpoint: DockerEndpoint }> {
  const facts = await detectDockerRuntime(options)
  if (facts.reachable && facts.endpoint) return { ...facts, endpoint: facts.endpoint }
  const where = facts.endpoint ? `at ${facts.endpoint.address}` : 'on this machine'
  throw new EnvironmentError(
    `No Docker engine is reachable ${where} (${facts.notes.join('; ')}). This lab needs one to build and run containers.`,
    'Install Docker (or Podman/Colima), start it (`dockerd` or Docker Desktop), or point DOCKER_HOST at a running engine, then run `pnpm labs doctor`.',
  )
}

/**
 * A client for a reachable engine. No idle timeout (builds and log streams run long and may be
 * quiet), but every request must begin to be answered within the answer deadline.
 */
export async function connectDocker(options: { env?: NodeJS.ProcessEnv } = {}): Promise<Docker> {
  // grading waits longer than `labs doctor` for a busy engine (10 s unless the setting says otherwise)
  const env = options.env ?? process.env
  const timeoutMs = Number(env.LABS_DOCKER_PROBE_TIMEOUT_MS) || GRADING_PROBE_TIMEOUT_MS
  const facts = await requireDockerRuntime({ ...options, timeoutMs })
  const docker = dockerClient(facts.endpoint, undefined, options.env, answerDeadlineFrom(env))
  // a deadlocked engine still answers /version; /info is where it was seen to hang
  const silent = await engineStillAnswers(docker, timeoutMs)
  if (silent) throw silent
  return docker
}

function flavourNotes(flavour: DockerEndpoint['flavour'], env: NodeJS.ProcessEnv): string[] {
  const notes: string[] = []
  if (flavour === 'podman')
    notes.push(
      'Podman: set DOCKER_HOST to the Podman socket and TESTCONTAINERS_RYUK_DISABLED=true; builds use the classic builder.',
    )
  if (flavour === 'colima')
    notes.push(
      'Colima: set TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE=/var/run/docker.sock and TESTCONTAINERS_HOST_OVERRIDE to the Colima VM address.',
    )
  if (flavour === 'rootless-docker')
    notes.push('Rootless Docker: memory and pids limits need cgroup v2 with delegated controllers.')
  if (env.TESTCONTAINERS_RYUK_DISABLED !== 'true')
    notes.push('TESTCONTAINERS_RYUK_DISABLED is not true: offline, the Ryuk image cannot be pulled.')
  return notes
}

function apiAtLeast(apiVersion: string | undefined, major: number, minor: number): boolean {
  const [a = 0, b = 0] = (apiVersion ?? '0.0').split('.').map(Number)
  return a > major || (a === major && b >= minor)
}

function withDeadline<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
  })
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer))
}

function reason(error: unknown): string {
  const e = error as { code?: string; message?: string }
  return e.code ?? e.message ?? String(error)
}
