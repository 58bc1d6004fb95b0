import type { Lab } from '../engine/lab.ts'

const CONTAINER_SERVICES = new Set(['docker', 'git-server', 'sql'])

/**
 * Before grading labs that start containers, removes what an earlier, killed grader left behind
 * (containers, networks, volumes labelled with a pid that is gone) and prunes the learner-image
 * cache by its policy. Quiet and best-effort: with no
 * engine there is nothing to sweep, and the lab itself reports the missing engine.
 */
export async function sweepLeftovers(labs: Lab[], log: (line: string) => void): Promise<void> {
  if (!labs.some((l) => l.manifest.services.some((s) => CONTAINER_SERVICES.has(s)))) return
  // Loaded only here: the container layer is heavy, and most commands never need it.
  const { detectDockerRuntime, dockerClient, pruneLearnerImages, sweepStale } = await import(
    '@backend-labs/containers'
  )
  const runtime = await detectDockerRuntime()
  if (!runtime.reachable || !runtime.endpoint) return
  const docker = dockerClient(runtime.endpoint, 30_000)
  const report = await sweepStale(docker).catch(() => undefined)
  // Learner images are build cache only: the documented policy (7 days, newest 20) applies here.
  await pruneLearnerImages(docker).catch(() => undefined)
  if (report?.removed.length)
    log(`removed ${report.removed.length} leftover resource(s) of an interrupted earlier run`)
}
