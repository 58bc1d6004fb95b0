import { join } from 'node:path'
import { HardenedGit } from './hardened-git.ts'

/**
 * Hardened git for a staged copy, with its git dir and work tree named explicitly (GIT_DIR,
 * GIT_WORK_TREE): nothing in the copy (a `core.worktree`, a `.git` file, a parent repository)
 * can point git at another folder of the grading machine.
 */
export function stagedGit(dir: string): HardenedGit {
  return new HardenedGit(dir, { GIT_DIR: join(dir, '.git'), GIT_WORK_TREE: dir })
}

/** Hardened git for a bare repository inside a staged copy, named explicitly (GIT_DIR only). */
export function stagedBareGit(gitDir: string): HardenedGit {
  return new HardenedGit(gitDir, { GIT_DIR: gitDir })
}
