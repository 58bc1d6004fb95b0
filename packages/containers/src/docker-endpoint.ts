import { existsSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import Docker from 'dockerode'
import { answerDeadlineAgent } from './engine-answer-deadline.ts'

/** Where the Docker API was found, and how. */
export interface DockerEndpoint {
  /** `DOCKER_HOST` or the socket path probed. */
  source: 'DOCKER_HOST' | 'socket'
  /** Human-readable address: `unix:///var/run/docker.sock`, `tcp://host:2376`. */
  address: string
  socketPath?: string
  host?: string
  port?: number
  protocol?: 'http' | 'https'
  /** The kind of engine the socket path suggests. */
  flavour: 'docker' | 'rootless-docker' | 'docker-desktop' | 'podman' | 'colima' | 'remote'
}

/**
 * The socket paths testcontainers and the docker CLI look at, in order. Podman and Colima sockets
 * speak the Docker API too.
 */
export function candidateSockets(env: NodeJS.ProcessEnv = process.env): DockerEndpoint[] {
  const home = homedir()
  const runtimeDir = env.XDG_RUNTIME_DIR ?? (process.getuid ? `/run/user/${process.getuid()}` : undefined)
  type Candidate = [string, DockerEndpoint['flavour']]
  const rootless: Candidate[] = runtimeDir
    ? [
        [join(runtimeDir, 'docker.sock'), 'rootless-docker'],
        [join(runtimeDir, 'podman', 'podman.sock'), 'podman'],
      ]
    : []
  const paths: Candidate[] = [
    ['/var/run/docker.sock', 'docker'],
    ...rootless.slice(0, 1),
    [join(home, '.docker', 'run', 'docker.sock'), 'docker-desktop'],
    [join(home, '.docker', 'desktop', 'docker.sock'), 'docker-desktop'],
    ...rootless.slice(1),
    ['/run/podman/podman.sock', 'podman'],
    [join(home, '.colima', 'default', 'docker.sock'), 'colima'],
    [join(home, '.colima', 'docker.sock'), 'colima'],
  ]
  return paths.map(([socketPath, flavour]) => ({
    source: 'socket',
    address: `unix://${socketPath}`,
    socketPath,
    flavour,
  }))
}

/** Parses `DOCKER_HOST` (`unix://`, `tcp://`, `http(s)://`); undefined when unset. */
export function endpointFromDockerHost(env: NodeJS.ProcessEnv = process.env): DockerEndpoint | undefined {
  const value = env.DOCKER_HOST?.trim()
  if (!value) return undefined
  if (value.startsWith('unix://')) {
    const socketPath = value.slice('unix://'.length)
    return { source: 'DOCKER_HOST', address: value, socketPath, flavour: flavourOfPath(socketPath) }
  }
  const url = new URL(value.replace(/^tcp:\/\//, 'http://'))
  const tls = env.DOCKER_TLS_VERIFY === '1' || url.protocol === 'https:'
  return {
    source: 'DOCKER_HOST',
    address: value,
    host: url.hostname,
    port: Number(url.port || (tls ? 2376 : 2375)),
    protocol: tls ? 'https' : 'http',
    flavour: 'remote',
  }
}

function flavourOfPath(path: string): DockerEndpoint['flavour'] {
  if (path.includes('podman')) return 'podman'
  if (path.includes('colima')) return 'colima'
  if (path.includes('.docker')) return 'docker-desktop'
  if (path.startsWith('/run/user/')) return 'rootless-docker'
  return 'docker'
}

/**
 * The endpoint to use: `DOCKER_HOST` when set (it wins even when unreachable, as in testcontainers),
 * else the first socket file that exists. Undefined when there is none.
 */
export function resolveDockerEndpoint(env: NodeJS.ProcessEnv = process.env): DockerEndpoint | undefined {
  return endpointFromDockerHost(env) ?? candidateSockets(env).find((c) => existsSync(c.socketPath ?? ''))
}

/**
 * A dockerode client for `endpoint`. `timeoutMs` bounds every request's silences (docker-modem
 * `timeout`, streams included); `answerDeadlineMs` bounds only the wait for each answer to begin.
 */
export function dockerClient(
  endpoint: DockerEndpoint,
  timeoutMs?: number,
  env: NodeJS.ProcessEnv = process.env,
  answerDeadlineMs?: number,
): Docker {
  const timeout = {
    ...(timeoutMs === undefined ? {} : { timeout: timeoutMs }),
    ...(answerDeadlineMs === undefined
      ? {}
      : { agent: answerDeadlineAgent(endpoint.protocol === 'https' ? 'https' : 'http', answerDeadlineMs) }),
  }
  if (endpoint.socketPath) return new Docker({ socketPath: endpoint.socketPath, ...timeout })
  const certPath = env.DOCKER_CERT_PATH
  const tls =
    endpoint.protocol === 'https' && certPath
      ? {
          ca: readFileSync(join(certPath, 'ca.pem')),
          cert: readFileSync(join(certPath, 'cert.pem')),
          key: readFileSync(join(certPath, 'key.pem')),
        }
      : {}
  return new Docker({
    host: endpoint.host,
    port: endpoint.port,
    protocol: endpoint.protocol,
    ...tls,
    ...timeout,
  })
}
