import { join } from 'node:path'
import { LazyDockerLab } from './docker/docker-lab.ts'
import type { ServiceProvider } from './service-provider.ts'

/**
 * `docker`: the learner's image, built on first use, and its containers on a per-run network, all
 * removed when grading ends (learner images stay as build cache). Nothing touches Docker until a
 * check asks; then a missing engine is an EnvironmentError (exit 3) saying what to do.
 */
export const dockerService: ServiceProvider = {
  name: 'docker',
  async create(lab, staged) {
    const starter = lab.manifest?.starter?.dir
    const docker = new LazyDockerLab(
      staged.dir,
      lab.id,
      undefined,
      starter ? join(lab.dir, starter) : undefined,
    )
    docker.session.buildNetwork = lab.manifest?.docker?.buildNetwork ?? 'none'
    return {
      context: { docker },
      stillAnswering: () => docker.session.stillAnswering(),
      dispose: () => docker.dispose(),
    }
  },
}
