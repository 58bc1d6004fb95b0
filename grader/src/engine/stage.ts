import { existsSync, statSync } from 'node:fs'
import { cp, lstat, mkdir, readFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import {
  conditionProblem,
  inspectRepo,
  type RepoCondition,
  stageBundle,
  stageRepo,
} from '@backend-labs/git-kit'
import { BadInputError } from '@backend-labs/lab-kit'
import type { Lab } from './lab.ts'
import type { ProjectPaths } from './project-paths.ts'
import { megabytes, type StagingLimits, stagingLimits } from './staging-limits.ts'
import { collectSubmissionFiles, readHead } from './submission-files.ts'
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

/** A git bundle starts with its signature line; only the first bytes are read. */
async function isBundle(path: string): Promise<boolean> {
  const head = (await readHead(path, 16).catch(() => Buffer.alloc(0))).toString('latin1')
  return head.startsWith('# v2 git bundle') || head.startsWith('# v3 git bundle')
}

async function stageBundleFile(path: string, display: string, dest: string, limits: StagingLimits) {
  const { size } = statSync(path)
  if (size > limits.maxTotalBytes)
    throw new BadInputError(
      `${display} is ${megabytes(size)}, over the limit of ${megabytes(limits.maxTotalBytes)} for a submission`,
      'commit source files only, then run `labs submit` again',
    )
  try {
    await stageBundle(path, dest)
  } catch (error) {
    // A truncated or corrupt bundle is the submission's fault, not the grader's.
    throw new BadInputError(
      `${display} is not a complete git bundle (${(error as Error).message.split('\n')[0]})`,
      'run `labs submit` again to write a fresh bundle, and commit it whole',
    )
  }
}

async function stageGit(
  lab: Lab,
  paths: ProjectPaths,
  source: SubmissionSource,
  dest: string,
  limits: StagingLimits,
) {
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
    await stageBundleFile(path, display, dest, limits)
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

async function stageFiles(
  lab: Lab,
  paths: ProjectPaths,
  source: SubmissionSource,
  dest: string,
  limits: StagingLimits,
) {
  if (lab.manifest.submission.type !== 'files') throw new Error('not a files lab')
  const src = source.kind === 'path' ? resolve(source.path) : paths.workspace(lab.id)
  const display = paths.relative(src)
  if (!existsSync(src) || !statSync(src).isDirectory()) {
    throw new BadInputError(
      `there is no submission folder at ${display}`,
      source.kind === 'workspace' ? `run \`labs start ${lab.id}\` first` : 'pass a folder with --submission',
    )
  }
  const { include, exclude, provided = [] } = lab.manifest.submission
  const { files, links } = await collectSubmissionFiles(
    src,
    display,
    { include, exclude: [...exclude, ...provided] },
    limits,
  )
  // Links could point anywhere on the grading machine: they are never followed or copied.
  const notices = links.map((file) => `${file} is a symbolic link and was left out`)
  for (const { path: file } of files) {
    await mkdir(dirname(join(dest, file)), { recursive: true })
    await cp(join(src, file), join(dest, file))
  }
  notices.push(...(await stageProvided(lab, provided, src, dest, limits)))
  if (files.length === 0) {
    throw new BadInputError(
      `no submission files found in ${display}`,
      links.length
        ? `${links.join(', ')} ${links.length === 1 ? 'is a symbolic link' : 'are symbolic links'}: put the file itself there`
        : `the lab grades files matching ${include.join(', ')}`,
    )
  }
  return { origin: display, notices }
}

/**
 * Copies the lab's own copies of its provided files (see the manifest's `submission.provided`) into
 * the staged submission; a learner's copy that differs is named in a notice, never graded.
 */
async function stageProvided(
  lab: Lab,
  provided: string[],
  workspace: string,
  dest: string,
  limits: StagingLimits,
): Promise<string[]> {
  if (provided.length === 0 || !lab.manifest.starter.dir) return []
  const starter = join(lab.dir, lab.manifest.starter.dir)
  const { files } = await collectSubmissionFiles(starter, lab.id, { include: provided, exclude: [] }, limits)
  const notices: string[] = []
  for (const { path: file } of files) {
    const ours = await readFile(join(starter, file))
    // the learner's copy is only compared, never followed (a link) or read past the lab's size
    const info = await lstat(join(workspace, file)).catch(() => undefined)
    const differs =
      info !== undefined &&
      (!info.isFile() ||
        info.size !== ours.length ||
        !(await readHead(join(workspace, file), ours.length)).equals(ours))
    if (differs)
      notices.push(
        `${file} differs from the lab's copy: the lab's is graded (this lab does not ask you to change it)`,
      )
    await mkdir(dirname(join(dest, file)), { recursive: true })
    await cp(join(starter, file), join(dest, file))
  }
  return notices
}

/** Copies the submission into a fresh temporary folder. */
export async function stageSubmission(
  lab: Lab,
  paths: ProjectPaths,
  source: SubmissionSource,
  limits: StagingLimits = stagingLimits(),
): Promise<StagedSubmission> {
  const { dir: tmp, release: dispose } = await privateTempDir('stage')
  const dir = join(tmp, 'submission')
  try {
    const staged =
      lab.manifest.submission.type === 'git'
        ? await stageGit(lab, paths, source, dir, limits)
        : await stageFiles(lab, paths, source, dir, limits)
    return { dir, ...staged, dispose }
  } catch (error) {
    await dispose()
    throw error
  }
}
