import { hostname } from 'node:os'
import type Docker from 'dockerode'
import { LABEL, TESTCONTAINERS_LABEL, TESTCONTAINERS_SESSION_LABEL } from './labels.ts'
import { removeResource } from './resource-removal.ts'
import { RUN_CONTAINER_NAMES, runContainerName, type TrackedResource } from './run-registry.ts'

export interface SweepOptions {
  /** Resources made on another host are only swept when older than this (pids mean nothing there). Default 24 h. */
  foreignHostMaxAgeMs?: number
  /**
   * testcontainers leftovers without our labels are swept only when no container of their session
   * runs and the newest is older than this. Default 30 min.
   */
  testcontainersIdleMs?: number
  /** Tells whether a pid is alive; injectable for tests. */
  isAlive?: (pid: number) => boolean
  now?: Date
}

export interface SweepReport {
  removed: TrackedResource[]
  failed: (TrackedResource & { reason: string })[]
}

/**
 * Removes what earlier runs left behind: labelled resources whose process is gone (same host), or
 * whose host is another one and which are old. Never touches a resource of a live process.
 */
export async function sweepStale(docker: Docker, options: SweepOptions = {}): Promise<SweepReport> {
  const now = (options.now ?? new Date()).getTime()
  const isAlive = options.isAlive ?? pidAlive
  const foreignMaxAgeMs = options.foreignHostMaxAgeMs ?? 24 * 3600_000
  const me = hostname()
  const stale = (labels: Record<string, string> | undefined): boolean => {
    const pid = Number(labels?.[LABEL.pid])
    if (!labels || !Number.isInteger(pid) || pid <= 0) return false
    if (pid === process.pid && (labels[LABEL.host] ?? me) === me) return false
    if (labels[LABEL.host] && labels[LABEL.host] !== me) {
      const created = Date.parse(labels[LABEL.created] ?? '')
      return Number.isFinite(created) && now - created > foreignMaxAgeMs
    }
    return !isAlive(pid)
  }

  const filters = JSON.stringify({ label: [LABEL.pid] })
  const [containers, networks, volumes, images] = await Promise.all([
    docker.listContainers({ all: true, filters }),
    docker.listNetworks({ filters }),
    docker.listVolumes({ filters }),
    docker.listImages({ filters }),
  ])
  const targets: (TrackedResource & { endpoints?: string[] })[] = [
    ...containers.filter((c) => stale(c.Labels)).map((c) => ({ kind: 'container' as const, id: c.Id })),
    ...(await staleTestcontainers(docker, now, options.testcontainersIdleMs ?? 30 * 60_000)),
    ...networks
      .filter((n) => stale(n.Labels))
      .map((n) => ({ kind: 'network' as const, id: n.Id, endpoints: runEndpointNames(n.Labels) })),
    ...(volumes.Volumes ?? [])
      .filter((v) => stale(v.Labels ?? undefined))
      .map((v) => ({ kind: 'volume' as const, id: v.Name })),
    ...images.filter((i) => stale(i.Labels)).map((i) => ({ kind: 'image' as const, id: i.Id })),
  ]
  const report: SweepReport = { removed: [], failed: [] }
  for (const { endpoints, ...target } of targets) {
    try {
      await removeResource(docker, target, endpoints, true)
      report.removed.push(target)
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) continue
      report.failed.push({ ...target, reason: (error as Error).message })
    }
  }
  return report
}

/**
 * testcontainers (Ryuk disabled) leaves containers behind when a start fails. Their labels carry a
 * session id but no pid, so a session counts as dead only when none of its containers runs and the
 * newest is idle for long. Containers that also carry our pid label are judged by pid instead.
 */
async function staleTestcontainers(docker: Docker, now: number, idleMs: number): Promise<TrackedResource[]> {
  const list = await docker.listContainers({
    all: true,
    filters: JSON.stringify({ label: [`${TESTCONTAINERS_LABEL}=true`] }),
  })
  const bySession = new Map<string, Docker.ContainerInfo[]>()
  for (const c of list) {
    if (c.Labels[LABEL.pid]) continue
    const session = c.Labels[TESTCONTAINERS_SESSION_LABEL] ?? `container:${c.Id}`
    bySession.set(session, [...(bySession.get(session) ?? []), c])
  }
  const out: TrackedResource[] = []
  for (const members of bySession.values()) {
    const running = members.some((c) => c.State === 'running' || c.State === 'restarting')
    const newestMs = Math.max(...members.map((c) => c.Created * 1000))
    if (!running && now - newestMs > idleMs)
      out.push(...members.map((c) => ({ kind: 'container' as const, id: c.Id })))
  }
  return out
}

/** True when a process with this pid exists (EPERM means it exists but belongs to someone else). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * The names the containers of a dead run had (derived from its run id and pid): a network whose
 * removal fails on "active endpoints" that the engine no longer lists is freed by disconnecting them.
 */
function runEndpointNames(labels: Record<string, string> | undefined): string[] {
  const run = labels?.[LABEL.run]
  const pid = Number(labels?.[LABEL.pid])
  if (!run || !Number.isInteger(pid) || pid <= 0) return []
  return Array.from({ length: RUN_CONTAINER_NAMES }, (_, i) => runContainerName(run, pid, i + 1))
}
