import { readFile } from 'node:fs/promises'
import type Docker from 'dockerode'
import { formatBytes } from './build-context.ts'
import { FORK_FAILURE } from './build-failure.ts'
import { ContainerFailure } from './container-failure.ts'
import type { CapturedLogs } from './container-logs.ts'
import { execCapture } from './container-logs.ts'
import { parseListeningSockets } from './listening-sockets.ts'

const LOG_LINES = 30

/** What the diagnosis needs to know about the run. */
export interface DiagnosisInput {
  container: Docker.Container
  info: Docker.ContainerInspectInfo
  logs: CapturedLogs
  port: number
  readyTimeoutMs: number
}

/** Turns a container that exited while starting into a learner-facing failure. */
export async function diagnoseExit({ info, logs, port }: DiagnosisInput): Promise<ContainerFailure> {
  const exitCode = info.State.ExitCode
  const memoryBytes = info.HostConfig.Memory ?? 0
  if (info.State.OOMKilled || (exitCode === 137 && memoryBytes > 0))
    return outOfMemory(memoryBytes, exitCode, info.State.OOMKilled, logs)
  if (logs.lines.some((l) => FORK_FAILURE.test(l)) || (await pidsLimitHits(info.Id)) > 0)
    return tooManyProcesses(info.HostConfig.PidsLimit ?? 0, logs)
  return failure(
    'exited-at-start',
    {
      expected: `the app to keep running and listen on port ${port}`,
      found: `it exited with code ${exitCode} right after starting`,
      hint: 'Run the image yourself (`docker run` with the same command) and read the last lines below.',
    },
    logs,
  )
}

/** Why a running container never answered: bound to localhost, wrong port, too many processes, or silence. */
export async function diagnoseNotReady(input: DiagnosisInput): Promise<ContainerFailure> {
  const { container, info, logs, port, readyTimeoutMs } = input
  const pidsLimit = info.HostConfig.PidsLimit ?? 0
  const pids = await pidsCurrent(container)
  if (
    (pidsLimit > 0 && pids !== undefined && pids >= pidsLimit - 1) ||
    logs.lines.some((l) => FORK_FAILURE.test(l)) ||
    (await pidsLimitHits(info.Id)) > 0
  )
    return tooManyProcesses(pidsLimit, logs)
  const seconds = Math.round(readyTimeoutMs / 1000)
  const procNet = await execCapture(container, ['cat', '/proc/net/tcp', '/proc/net/tcp6'])
  const listening = procNet ? parseListeningSockets(procNet) : []
  const onPort = listening.filter((s) => s.port === port)
  if (onPort.length > 0 && onPort.every((s) => s.loopbackOnly))
    return failure(
      'bound-to-localhost',
      {
        expected: `the app to accept connections on port ${port} from outside its container`,
        found: `it listens on ${hostAndPort(onPort[0]?.address ?? '', port)}, which only the container itself can reach`,
        hint: `Bind to 0.0.0.0 instead of 127.0.0.1/localhost, e.g. \`app.listen(${port}, '0.0.0.0')\`.`,
      },
      logs,
    )
  // 127.0.0.11 is Docker's embedded DNS resolver on user-defined networks, not the app
  const others = [
    ...new Set(listening.filter((s) => s.port !== port && s.address !== '127.0.0.11').map((s) => s.port)),
  ]
  const found =
    others.length > 0
      ? `nothing on port ${port} after ${seconds} s; it listens on port ${others.join(', ')} instead`
      : `no answer on port ${port} after ${seconds} s`
  return failure(
    'never-ready',
    {
      expected: `the app to answer on port ${port} within ${seconds} s`,
      found,
      hint: 'Listen on the port the lab names (read it from the PORT variable if the lab says so), and start quickly.',
    },
    logs,
  )
}

/** `127.0.0.1:3000`, `[::1]:3000`: an IPv6 address needs its brackets before a port. */
export function hostAndPort(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`
}

/** The OOM message for a container that stopped because of memory. */
function outOfMemory(
  memoryBytes: number,
  exitCode: number,
  flagged: boolean,
  logs: CapturedLogs,
): ContainerFailure {
  const limit = memoryBytes > 0 ? formatBytes(memoryBytes) : 'its'
  return failure(
    'out-of-memory',
    {
      expected: `the app to stay within its memory limit of ${limit}`,
      found: flagged
        ? `it was killed for using too much memory (exit code ${exitCode})`
        : `it was killed (exit code ${exitCode}, SIGKILL), which here means it ran out of memory`,
      hint: 'Do not load whole files or tables into memory at once; stream them, and look for data that only grows.',
    },
    logs,
  )
}

function tooManyProcesses(pidsLimit: number, logs: CapturedLogs): ContainerFailure {
  return failure(
    'too-many-processes',
    {
      expected: `the app to use at most ${pidsLimit || 'a limited number of'} processes and threads`,
      found: 'it hit that limit: starting another process failed ("Resource temporarily unavailable")',
      hint: 'Do not start processes in a loop; reuse a fixed pool of workers.',
    },
    logs,
  )
}

/**
 * How often the container's pids limit refused a fork (`max` in its cgroup's pids.events), read on
 * this machine; 0 when the file is not reachable (a remote engine, another cgroup layout). A bomb
 * whose processes die at once, or that prints nothing, still leaves this count behind.
 */
export async function pidsLimitHits(containerId: string): Promise<number> {
  const candidates = [
    `/sys/fs/cgroup/pids/docker/${containerId}/pids.events`,
    `/sys/fs/cgroup/docker/${containerId}/pids.events`,
    `/sys/fs/cgroup/pids/system.slice/docker-${containerId}.scope/pids.events`,
    `/sys/fs/cgroup/system.slice/docker-${containerId}.scope/pids.events`,
  ]
  for (const path of candidates) {
    const text = await readFile(path, 'utf8').catch(() => undefined)
    if (text !== undefined) return Number(/^max (\d+)/m.exec(text)?.[1] ?? 0)
  }
  return 0
}

async function pidsCurrent(container: Docker.Container): Promise<number | undefined> {
  try {
    const stats = (await container.stats({ stream: false })) as { pids_stats?: { current?: number } }
    return stats.pids_stats?.current
  } catch {
    return undefined
  }
}

/** A ContainerFailure carrying the last log lines, noting a log flood in the message. */
export function failure(
  kind: ConstructorParameters<typeof ContainerFailure>[0],
  details: ConstructorParameters<typeof ContainerFailure>[1],
  logs: CapturedLogs,
): ContainerFailure {
  const flood = logs.truncated
    ? `; it also wrote ${formatBytes(logs.totalBytes)} or more of logs, so only the end was kept`
    : ''
  return new ContainerFailure(
    kind,
    { ...details, found: `${details.found ?? ''}${flood}` },
    logs.lines.slice(-LOG_LINES),
    logs.truncated,
  )
}
