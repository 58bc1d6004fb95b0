import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { BadInputError, type Check, type CheckContext, type Suite } from '@backend-labs/lab-kit'
import type { Lab } from './lab.ts'
import { labModuleUrl } from './lab-module-url.ts'
import type { ProjectPaths } from './project-paths.ts'

async function importDefault<T>(file: string, what: string, display: string): Promise<T> {
  let mod: { default?: T }
  try {
    mod = await import(await labModuleUrl(file))
  } catch (error) {
    throw new BadInputError(`${display}: cannot load the ${what}: ${(error as Error).message.split('\n')[0]}`)
  }
  if (mod.default === undefined)
    throw new BadInputError(`${display}: the ${what} module has no default export`)
  return mod.default
}

/** The public checks that ship with the lab. */
export async function loadPublicChecks(lab: Lab, paths: ProjectPaths): Promise<Check<CheckContext>[]> {
  const file = join(lab.dir, lab.manifest.checks)
  const display = paths.relative(file)
  if (!existsSync(file)) throw new BadInputError(`${display}: the public checks file is missing`)
  const checks = await importDefault<Check<CheckContext>[]>(file, 'public checks', display)
  if (!Array.isArray(checks)) throw new BadInputError(`${display}: default export must be defineChecks(...)`)
  return checks
}

/** The hidden suite, or undefined when this copy of the course has none for the lab. */
export async function loadSuite(lab: Lab, paths: ProjectPaths): Promise<Suite<CheckContext> | undefined> {
  const file = join(paths.suiteDir(lab.id), 'suite.ts')
  if (!existsSync(file)) return undefined
  return importDefault<Suite<CheckContext>>(file, 'hidden suite', paths.relative(file))
}

/** The starter builder module of a scenario lab: `async (dir) => void`. */
export async function loadScenario(lab: Lab, paths: ProjectPaths): Promise<(dir: string) => Promise<void>> {
  const file = join(lab.dir, lab.manifest.starter.scenario!)
  return importDefault(file, 'scenario', paths.relative(file))
}
