import { existsSync } from 'node:fs'
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { BadInputError } from '@backend-labs/lab-kit'
import type { LabCatalog } from '../engine/lab-catalog.ts'
import type { ProjectPaths } from '../engine/project-paths.ts'
import { sealSuites } from '../seal/seal-suites.ts'
import { readSealedHeader } from '../seal/sealed-bundle.ts'
import { renderLearnerReadme } from './learner-readme.ts'
import { courseFiles, isExported } from './template-files.ts'

/** CI templates written into the learners' repository: source under grader/templates/, destination. */
export const FEEDBACK_WORKFLOWS = [
  ['github/labs-feedback.yml', '.github/workflows/labs-feedback.yml'],
  ['gitlab/labs-feedback.gitlab-ci.yml', '.gitlab-ci.yml'],
] as const

/** Scripts that only make sense in the course repository. */
const INSTRUCTOR_SCRIPTS = ['test', 'check', 'bench', 'test:fast', 'demo']

/**
 * `labs export-template DIR`: writes the learners' repository: labs, grader engine and packages,
 * a learner README, the feedback workflows and the sealed hidden material; none of grader/suites/
 * in the clear, nor anything that quotes it.
 */
export async function exportTemplate(
  catalog: LabCatalog,
  paths: ProjectPaths,
  key: Buffer,
  dest: string,
): Promise<{ files: number; labs: number }> {
  if (existsSync(dest) && (await readdir(dest)).length > 0)
    throw new BadInputError(`${dest} is not empty`, 'export into a new or empty folder')
  let files = 0
  for (const path of await courseFiles(paths.root)) {
    if (!isExported(path) || !existsSync(join(paths.root, path))) continue
    await mkdir(dirname(join(dest, path)), { recursive: true })
    await copyFile(join(paths.root, path), join(dest, path))
    files++
  }
  const sealed = join(dest, 'grader', 'suites.sealed')
  await sealSuites(catalog, paths, key, sealed)
  const header = readSealedHeader(await readFile(sealed, 'utf8'), 'grader/suites.sealed')
  for (const [from, to] of FEEDBACK_WORKFLOWS) {
    await mkdir(dirname(join(dest, to)), { recursive: true })
    await copyFile(join(paths.root, 'grader', 'templates', from), join(dest, to))
  }
  const pkgFile = join(dest, 'package.json')
  const pkg = JSON.parse(await readFile(pkgFile, 'utf8')) as { scripts: Record<string, string> }
  for (const name of INSTRUCTOR_SCRIPTS) delete pkg.scripts[name]
  await writeFile(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`)
  const labs = []
  for (const id of await catalog.ids()) {
    const lab = await catalog.load(id)
    labs.push({ id, title: lab.manifest.title, hidden: header.labs[id]?.hiddenChecks ?? 0 })
  }
  await writeFile(join(dest, 'README.md'), renderLearnerReadme(labs))
  return { files: files + FEEDBACK_WORKFLOWS.length + 2, labs: labs.length }
}
