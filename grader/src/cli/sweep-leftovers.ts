import type { Lab } from '../engine/lab.ts'

const CONTAINER_SERVICES = new Set(['docker', 'git-server', 'sql'])

/**
 * Housekeeping around grades of labs that start containers. It starts at once and runs alongside
 * grading: it removes what an earlier, killed grader left behind (resources labelled with a pid that is
 * gone; a live process's are never touched). `finish()`, awaited when grading is done, then prunes the
 * learner-image cache by its policy (7 days, newest 20) — afterwards, so no image is pruned while a
 * grade may still use it. Best-effort and quiet: with no engine there is nothing to do, and the lab
 * itself reports the missing engine.
 */
export function startHousekeeping(
  labs: Lab[],
  log: (line: string) => void,
  options: { engine?: string } = {},
): { finish(): Promise<void> } {
  // `--engine static` grades SQL labs from their files alone: no container starts, nothing to sweep.
  const starts = (s: string) => CONTAINER_SERVICES.has(s) && !(s === 'sql' && options.engine === 'static')
  if (!labs.some((l) => l.manifest.services.some(starts))) {
    return { finish: async () => {} }
  }
  const docker = (async () => {
    // Loaded only here: the container layer is heavy, and most commands never need it.
    const { detectDockerRuntime, dockerClient } = await import('@backend-labs/containers')
    const runtime = await detectDockerRuntime()
    return runtime.reachable && runtime.endpoint ? dockerClient(runtime.endpoint, 30_000) : undefined
  })().catch(() => undefined)
  const swept = (async () => {
    const client = await docker
    if (!client) return
    const { sweepStale } = await import('@backend-labs/containers')
    const report = await sweepStale(client)
    if (report.removed.length)
      log(`removed ${report.removed.length} leftover resource(s) of an interrupted earlier run`)
  })().catch(() => {})
  return {
    async finish() {
      await swept
      const client = await docker
      if (!client) return
      const { pruneLearnerImages } = await import('@backend-labs/containers')
      await pruneLearnerImages(client).catch(() => undefined)
    },
  }
}
