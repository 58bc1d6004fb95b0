import { setTimeout as sleep } from 'node:timers/promises'
import {
  captureLogs,
  DEFAULT_LOG_CAP_BYTES,
  diagnoseExit,
  diagnoseNotReady,
  HARDENED_DEFAULTS,
  probeReady,
  type Readiness,
} from '@backend-labs/containers'
import type Docker from 'dockerode'

/**
 * Waits until a (re)started container answers on `port`, probed through its relay's `hostPort` on
 * 127.0.0.1. Like the first start, an exit or silence is a learner-facing ContainerFailure.
 */
export async function waitUntilReady(
  container: Docker.Container,
  port: number,
  hostPort: number,
  readiness: Readiness,
  readyTimeoutMs: number,
): Promise<void> {
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
    if (!info.State.Running) throw await diagnoseExit(await diagnosis(info))
    const budgetMs = Math.min(1000, Math.max(100, deadline - Date.now()))
    if (await probeReady(container, port, hostPort, readiness, budgetMs)) return
    if (Date.now() >= deadline) throw await diagnoseNotReady(await diagnosis(info))
    await sleep(200)
  }
}
