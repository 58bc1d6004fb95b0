import { existsSync } from 'node:fs'
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { HardenedGit } from '@backend-labs/git-kit'
import { BadInputError, scratchRoot } from '@backend-labs/lab-kit'
import type { Lab } from '../../engine/lab.ts'
import { loadScenario } from '../../engine/lab-modules.ts'
import { onProcessExit } from '../../engine/process-resources.ts'
import { ProjectPaths } from '../../engine/project-paths.ts'
import { UPSTREAM_GIT_DIR } from './lab-upstream.ts'

/**
 * Writes to `dest` the lab's remote as the learner received it: the lab's scenario is rebuilt
 * (scenarios are deterministic, so the hashes are the learner's) and its remote taken out. The
 * copy is configured like a protected shared remote: no non-fast-forward updates, no deletions.
 */
async function writeUpstreamSeed(lab: Lab, dest: string): Promise<void> {
  if (!lab.manifest.starter.scenario) {
    throw new BadInputError(
      `lab ${lab.id}: the git-server service needs a starter scenario that creates ${UPSTREAM_GIT_DIR}`,
    )
  }
  const work = await mkdtemp(join(scratchRoot(), 'labs-upstream-seed-'))
  try {
    const starter = join(work, 'starter')
    await (await loadScenario(lab, new ProjectPaths()))(starter)
    const upstream = join(starter, UPSTREAM_GIT_DIR)
    if (!existsSync(upstream)) {
      throw new BadInputError(`lab ${lab.id}: its scenario creates no remote at ${UPSTREAM_GIT_DIR}`)
    }
    await cp(upstream, dest, { recursive: true, verbatimSymlinks: true })
    await rm(join(dest, 'hooks'), { recursive: true, force: true })
    const git = new HardenedGit(dest)
    for (const [key, value] of [
      ['receive.denyNonFastForwards', 'true'],
      ['receive.denyDeletes', 'true'],
    ] as const) {
      await git.run(['config', '--file', join(dest, 'config'), key, value])
    }
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

const built = new Map<string, Promise<string>>()

/**
 * The lab's upstream seed, built once per process into a temporary folder (removed at exit) and
 * shared read-only by every grade of that lab: a batch grade rebuilds the scenario once, not each time.
 */
export function upstreamSeed(lab: Lab): Promise<string> {
  let seed = built.get(lab.id)
  if (!seed) {
    seed = (async () => {
      const dir = await mkdtemp(join(scratchRoot(), 'labs-upstream-'))
      onProcessExit(() => rm(dir, { recursive: true, force: true }))
      await writeUpstreamSeed(lab, join(dir, 'seed.git'))
      return join(dir, 'seed.git')
    })()
    built.set(lab.id, seed)
    seed.catch(() => built.delete(lab.id))
  }
  return seed
}
