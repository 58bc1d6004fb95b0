import { cp, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Lab } from './lab.ts'
import { loadScenario } from './lab-modules.ts'
import type { ProjectPaths } from './project-paths.ts'

/** Writes the lab's starter into `dir` (which must be empty or absent). */
export async function materializeStarter(lab: Lab, paths: ProjectPaths, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true })
  if (lab.manifest.starter.dir) {
    await cp(join(lab.dir, lab.manifest.starter.dir), dir, { recursive: true })
  }
  if (lab.manifest.starter.scenario) {
    const build = await loadScenario(lab, paths)
    await build(dir)
  }
}
