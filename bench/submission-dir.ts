import { cp, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LabCatalog } from '../grader/src/engine/lab-catalog.ts'
import { loadSuite } from '../grader/src/engine/lab-modules.ts'
import { ProjectPaths } from '../grader/src/engine/project-paths.ts'
import { materializeStarter } from '../grader/src/engine/starter.ts'

export const paths = new ProjectPaths()
export const catalog = new LabCatalog(paths)

/** A temp folder holding a lab's reference solution (starter + solution recipe), as a learner would submit it. */
export async function solutionDir(id: string): Promise<string> {
  const lab = await catalog.load(id)
  const dir = join(await mkdtemp(join(tmpdir(), 'labs-bench-')), 'submission')
  await materializeStarter(lab, paths, dir)
  const suite = await loadSuite(lab, paths)
  if (suite?.solution.dir)
    await cp(join(paths.suiteDir(id), suite.solution.dir), dir, { recursive: true, force: true })
  await suite?.solution.apply?.(dir)
  return dir
}
