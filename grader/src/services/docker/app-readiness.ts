import { setTimeout as sleep } from 'node:timers/promises'
import {
  captureLogs,
  DEFAULT_LOG_CAP_BYTES,
  diagnoseExit,
  diagnoseNotReady,
  HARDENED_DEFAULTS,
  probeOnce,
  type Readiness,
} from '@backend-labs/containers'
import type Docker from 'dockerode'

/**
 * Waits until a (re)started container answers on `port` (published on 127.0.0.1) and returns the
 * host port. Like the first start, an exit or silence is a learner-facing ContainerFailure.
 */
export async function waitUntilReady(
  container: Docker.Container,
  port: number,
  readiness: Readiness,
  readyTimeoutMs: number,
): Promise<number> {
  const deadline = Date.now() + readyTimeoutMs
  const diagnosis = async (info: Docker.ContainerInspectInfo) => ({
    container,
    info,
    logs: await captureLogs(container, {
      capBytes: DEFAULT_LOG_CAP_BYTES,
      engineLogMaxBytes: HARDENED_DEFAULTS.logMaxBytes,
    }),
    port,
    readyTimeoutMs,
  })
  while (true) {
    const info = await container.inspect()
    if (!info.State.Running) throw diagnoseExit(await diagnosis(info))
    const hostPort = publishedPort(info, port)
    const budgetMs = Math.min(1000, Math.max(100, deadline - Date.now()))
    if (hostPort && (await probeOnce(hostPort, readiness, budgetMs))) return hostPort
    if (Date.now() >= deadline) throw await diagnoseNotReady(await diagnosis(info))
    await sleep(200)
  }
}

/** The 127.0.0.1 port that reaches the container's `port`, or 0 when none (not running). */
export function publishedPort(info: Docker.ContainerInspectInfo, port: number): number {
  return Number(info.NetworkSettings.Ports?.[`${port}/tcp`]?.[0]?.HostPort ?? 0)
}
