import { detectDockerRuntime } from '@backend-labs/containers'

/**
 * Why Docker tests cannot run here, or undefined when they can. `LABS_SKIP_DOCKER=1` skips them on
 * purpose (a fast local run); with CI=true a missing engine is an error, never a silent skip.
 */
export async function dockerSkipReason(): Promise<string | undefined> {
  if (process.env.LABS_SKIP_DOCKER === '1') return 'skipped: LABS_SKIP_DOCKER=1'
  const runtime = await detectDockerRuntime()
  if (runtime.reachable) return undefined
  const why = `no Docker engine is reachable (${runtime.notes.join('; ')})`
  if (process.env.CI === 'true') throw new Error(`CI needs Docker for these tests, but ${why}`)
  return `skipped: ${why}`
}

/** Labs whose grading starts containers. The sql track falls back to its static engine without Docker. */
export const CONTAINER_SERVICES = ['docker', 'git-server']
