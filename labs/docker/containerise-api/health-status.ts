import { setTimeout as sleep } from 'node:timers/promises'
import type { RunningApp } from '@backend-labs/http-kit'

/** Polls Docker's health status until `wanted` or `timeoutMs`; returns the last status seen. */
export async function waitForHealth(app: RunningApp, wanted: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs
  let status = await app.health()
  while (status !== wanted && Date.now() < deadline) {
    await sleep(500)
    status = await app.health()
  }
  return status
}
