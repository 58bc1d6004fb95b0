import { existsSync } from 'node:fs'
import { cp, mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { conditionProblem, inspectRepo, stagedGit, stageRepo } from '@backend-labs/git-kit'
import { BadInputError } from '@backend-labs/lab-kit'
import { captureUpstreamRefs } from '../services/git-server/lab-upstream.ts'
import type { Lab } from './lab.ts'
import type { ProjectPaths } from './project-paths.ts'
import { materializeStarter } from './starter.ts'

async function isEmptyDir(dir: string): Promise<boolean> {
  return !existsSync(dir) || (await readdir(dir)).length === 0
}

function timestamp(): string {
  return new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')
}

/** Starting, resetting and submitting a learner's workspace. */
export class WorkspaceManager {
  constructor(readonly paths: ProjectPaths) {}

  /** Creates the starter workspace; never overwrites existing work. */
  async start(lab: Lab): Promise<{ dir: string; created: boolean }> {
    const dir = this.paths.workspace(lab.id)
    if (!(await isEmptyDir(dir))) return { dir, created: false }
    const tmp = `${dir}.starting-${process.pid}`
    await rm(tmp, { recursive: true, force: true })
    try {
      await materializeStarter(lab, this.paths, tmp)
      await rm(dir, { recursive: true, force: true })
      await rename(tmp, dir)
    } finally {
      await rm(tmp, { recursive: true, force: true })
    }
    return { dir, created: true }
  }

  /** Moves the current work to a timestamped backup, then starts afresh. */
  async reset(lab: Lab): Promise<{ dir: string; backup?: string }> {
    const dir = this.paths.workspace(lab.id)
    let backup: string | undefined
    if (!(await isEmptyDir(dir))) {
      backup = join(this.paths.stateDir, 'backups', lab.id, timestamp())
      await mkdir(join(backup, '..'), { recursive: true })
      await cp(dir, backup, { recursive: true, verbatimSymlinks: true })
      await rm(dir, { recursive: true, force: true })
    }
    await this.start(lab)
    return backup ? { dir, backup } : { dir }
  }

  /** For git labs: writes the learner's repository as a bundle into the lab folder, for CI. */
  async submit(lab: Lab): Promise<{ bundle: string; refs: number }> {
    if (lab.manifest.submission.type !== 'git') {
      throw new BadInputError(
        `${lab.id} is graded from its files, not a bundle`,
        `commit your workspace instead: git add ${this.paths.relative(this.paths.workspace(lab.id))} && git commit`,
      )
    }
    const dir = this.paths.workspace(lab.id)
    const condition = await inspectRepo(dir)
    const problem = conditionProblem(
      { ...condition, dir: this.paths.relative(dir) },
      { kind: 'workspace', labId: lab.id },
    )
    if (problem) throw new BadInputError(problem.message, problem.hint)
    // Work on a sanitised copy: the learner's repo config (fsmonitor, hooks) never runs.
    const tmp = await mkdtemp(join(tmpdir(), 'labs-submit-'))
    try {
      await stageRepo(dir, tmp)
      const git = stagedGit(tmp)
      const dirty = await git.text(['status', '--porcelain', '--untracked-files=no'])
      if (dirty) {
        throw new BadInputError(
          'you have uncommitted changes; a bundle holds only commits',
          'commit them (or `git stash` them), then run `labs submit` again',
        )
      }
      // The remote of a git-server lab lives in .git, outside any ref: carry its refs in the bundle.
      if (lab.manifest.services.includes('git-server')) await captureUpstreamRefs(tmp)
      const bundle = this.paths.bundle(lab.id, lab.manifest.submission.bundle)
      await mkdir(dirname(bundle), { recursive: true })
      await git.run(['bundle', 'create', '-q', bundle, '--all'])
      const refs = (await git.text(['bundle', 'list-heads', bundle])).split('\n').filter(Boolean).length
      return { bundle, refs }
    } finally {
      await rm(tmp, { recursive: true, force: true })
    }
  }
}
