import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { BadInputError } from '@backend-labs/lab-kit'
import type { LabCatalog } from '../engine/lab-catalog.ts'
import { loadSuite } from '../engine/lab-modules.ts'
import type { ProjectPaths } from '../engine/project-paths.ts'
import { type SealedFiles, type SealedHeader, sealFiles } from './sealed-bundle.ts'

/** Every file under a folder, by relative path (node_modules left out). */
export async function readTree(root: string): Promise<SealedFiles> {
  const files: SealedFiles = {}
  const walk = async (rel: string) => {
    for (const entry of await readdir(join(root, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name
      if (entry.isDirectory() && entry.name !== 'node_modules') await walk(path)
      else if (entry.isFile()) files[path] = await readFile(join(root, path))
    }
  }
  await walk('')
  return files
}

/** Per lab, the count and points of its hidden checks, read by loading each suite. */
export async function hiddenCheckCounts(
  catalog: LabCatalog,
  paths: ProjectPaths,
): Promise<SealedHeader['labs']> {
  const labs: SealedHeader['labs'] = {}
  for (const id of await catalog.ids()) {
    const suite = await loadSuite(await catalog.load(id), paths)
    if (suite)
      labs[id] = {
        hiddenChecks: suite.checks.length,
        hiddenPoints: suite.checks.reduce((sum, c) => sum + c.points, 0),
      }
  }
  return labs
}

/** `labs seal`: encrypts the whole suites folder (checks, solutions, fixtures) into one file. */
export async function sealSuites(
  catalog: LabCatalog,
  paths: ProjectPaths,
  key: Buffer,
  out: string,
): Promise<{ files: number; labs: number }> {
  const files = await readTree(paths.suitesDir).catch(() => ({}) as SealedFiles)
  if (Object.keys(files).length === 0)
    throw new BadInputError(
      `there are no hidden suites to seal in ${paths.relative(paths.suitesDir)}`,
      'run `labs seal` in the instructor repository, where grader/suites/ holds the hidden material',
    )
  const labs = await hiddenCheckCounts(catalog, paths)
  await writeFile(out, sealFiles(files, key, labs))
  return { files: Object.keys(files).length, labs: Object.keys(labs).length }
}
