import { existsSync, statSync } from 'node:fs'
import { cp, lstat, mkdir } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import {
  conditionProblem,
  inspectRepo,
  isBundle,
  type RepoCondition,
  stageBundle,
  stageRepo,
} from '@backend-labs/git-kit'
import { BadInputError } from '@backend-labs/lab-kit'
import { glob } from 'tinyglobby'
import type { Lab } from './lab.ts'
import type { ProjectPaths } from './project-paths.ts'
import type { SubmissionSource } from './submission-source.ts'
import { privateTempDir } from './temp-dirs.ts'

/** A private copy of a submission. Grading reads and runs only this copy, never the learner's files. */
export interface StagedSubmission {
  dir: string
  /** What was staged, for messages: a workspace path or a bundle. */
  origin: string
  /** For git labs: the state of the learner's repository. */
  repo?: RepoCondition
  notices: string[]
  dispose(): Promise<void>
}

async function stageGit(lab: Lab, paths: ProjectPaths, source: SubmissionSource, dest: string) {
  const notices: string[] = []
  let path = source.kind === 'path' ? resolve(source.path) : paths.workspace(lab.id)
  if (source.kind === 'workspace' && !existsSync(path)) {
    const bundle = paths.bundle(
      lab.id,
      lab.manifest.submission.type === 'git' ? lab.manifest.submission.bundle : '',
    )
    if (existsSync(bundle)) path = bundle
  }
  const display = paths.relative(path)
  if (existsSync(path) && statSync(path).isFile()) {
    if (!(await isBundle(path))) {
      throw new BadInputError(
        `${display} is a file but not a git bundle`,
        'pass a repository folder or a bundle made by `labs submit`',
      )
    }
    await stageBundle(path, dest)
    return { origin: display, repo: await inspectRepo(dest), notices }
  }
  const condition = await inspectRepo(path)
  const problem = conditionProblem(
    { ...condition, dir: display },
    { kind: source.kind === 'path' ? 'submission' : 'workspace', labId: lab.id },
  )
  if (problem) throw new BadInputError(problem.message, problem.hint)
  if (condition.detached) notices.push('HEAD is detached: the checks look at your branches, not at HEAD')
  await stageRepo(path, dest)
  return { origin: display, repo: condition, notices }
}

async function stageFiles(lab: Lab, paths: ProjectPaths, source: SubmissionSource, dest: string) {
  if (lab.manifest.submission.type !== 'files') throw new Error('not a files lab')
  const src = source.kind === 'path' ? resolve(source.path) : paths.workspace(lab.id)
  const display = paths.relative(src)
  if (!existsSync(src) || !statSync(src).isDirectory()) {
    throw new BadInputError(
      `there is no submission folder at ${display}`,
      source.kind === 'workspace' ? `run \`labs start ${lab.id}\` first` : 'pass a folder with --submission',
    )
  }
  const { include, exclude } = lab.manifest.submission
  const files = await glob(include, {
    cwd: src,
    ignore: ['**/node_modules/**', '**/.git/**', ...exclude],
    dot: true,
    onlyFiles: true,
    followSymbolicLinks: false,
  })
  const notices: string[] = []
  let copied = 0
  for (const file of files.sort()) {
    // Links could point anywhere on the grading machine: they are never followed or copied.
    if ((await lstat(join(src, file))).isSymbolicLink()) {
      notices.push(`${file} is a symbolic link and was left out of the submission`)
      continue
    }
    await mkdir(dirname(join(dest, file)), { recursive: true })
    await cp(join(src, file), join(dest, file))
    copied++
  }
  if (copied === 0) {
    throw new BadInputError(
      `no submission files found in ${display}`,
      `the lab grades files matching ${include.join(', ')}`,
    )
  }
  return { origin: display, notices }
}

/** Copies the submission into a fresh temporary folder. */
export async function stageSubmission(
  lab: Lab,
  paths: ProjectPaths,
  source: SubmissionSource,
): Promise<StagedSubmission> {
  const { dir: tmp, release: dispose } = await privateTempDir('stage')
  const dir = join(tmp, 'submission')
  try {
    const staged =
      lab.manifest.submission.type === 'git'
        ? await stageGit(lab, paths, source, dir)
        : await stageFiles(lab, paths, source, dir)
    return { dir, ...staged, dispose }
  } catch (error) {
    await dispose()
    throw error
  }
}
