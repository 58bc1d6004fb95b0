import { lstat, readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'

export type InProgress = 'merge' | 'rebase' | 'bisect' | 'cherry-pick' | 'revert' | 'am'

/** What the repository's files say about it, read without running git (so nothing it configures runs). */
export interface RepoCondition {
  kind: 'missing' | 'not-a-repo' | 'linked' | 'empty' | 'ok'
  dir: string
  /** Set while an operation waits for the learner to finish it. */
  inProgress?: InProgress
  /** The branch HEAD points at, or undefined when HEAD is detached. */
  headBranch?: string
  detached: boolean
  shallow: boolean
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  )
}

async function hasBranches(gitDir: string): Promise<boolean> {
  const loose = await readdir(join(gitDir, 'refs', 'heads'), { recursive: true }).catch(() => [])
  if (loose.length > 0) return true
  const packed = await readFile(join(gitDir, 'packed-refs'), 'utf8').catch(() => '')
  return /\srefs\/heads\//.test(packed)
}

export async function inspectRepo(dir: string): Promise<RepoCondition> {
  const base = { dir, detached: false, shallow: false }
  if (!(await exists(dir))) return { ...base, kind: 'missing' }
  const gitDir = join(dir, '.git')
  const gitStat = await lstat(gitDir).catch(() => undefined)
  if (!gitStat) return { ...base, kind: 'not-a-repo' }
  // A .git file (worktree, submodule) or link points elsewhere on the machine: never followed.
  if (!gitStat.isDirectory()) return { ...base, kind: 'linked' }
  const head = (await readFile(join(gitDir, 'HEAD'), 'utf8').catch(() => '')).trim()
  if (!head) return { ...base, kind: 'not-a-repo' }
  const symbolic = head.match(/^ref: refs\/heads\/(.+)$/)
  const condition: RepoCondition = {
    ...base,
    kind: (await hasBranches(gitDir)) ? 'ok' : 'empty',
    detached: !symbolic,
    shallow: await exists(join(gitDir, 'shallow')),
  }
  if (symbolic) condition.headBranch = symbolic[1]
  const markers: [string, InProgress][] = [
    ['rebase-merge', 'rebase'],
    ['rebase-apply', 'rebase'],
    ['MERGE_HEAD', 'merge'],
    ['CHERRY_PICK_HEAD', 'cherry-pick'],
    ['REVERT_HEAD', 'revert'],
    ['BISECT_LOG', 'bisect'],
  ]
  for (const [file, op] of markers) {
    if (await exists(join(gitDir, file))) {
      condition.inProgress =
        op === 'rebase' && (await exists(join(gitDir, 'rebase-apply', 'applying'))) ? 'am' : op
      break
    }
  }
  return condition
}

export interface ConditionProblem {
  message: string
  hint: string
}

const FINISH: Record<InProgress, ConditionProblem> = {
  merge: {
    message: 'the repository is in the middle of a merge',
    hint: 'resolve the conflicts, `git add` the files and run `git commit` (or `git merge --abort` to start over)',
  },
  rebase: {
    message: 'the repository is in the middle of a rebase',
    hint: 'resolve any conflicts, `git add` them and run `git rebase --continue` (or `git rebase --abort`)',
  },
  am: {
    message: 'the repository is in the middle of `git am`',
    hint: 'run `git am --continue` or `git am --abort`',
  },
  'cherry-pick': {
    message: 'the repository is in the middle of a cherry-pick',
    hint: 'resolve the conflicts and run `git cherry-pick --continue` (or `git cherry-pick --abort`)',
  },
  revert: {
    message: 'the repository is in the middle of a revert',
    hint: 'resolve the conflicts and run `git revert --continue` (or `git revert --abort`)',
  },
  bisect: {
    message: 'a `git bisect` session is still running',
    hint: 'note the first bad commit, then run `git bisect reset` to return to your branch',
  },
}

/** Where the repository came from, so a message can say what to do about it. */
export interface ConditionSource {
  /** The lab's own workspace (the default), or a path given with `--submission`. */
  kind: 'workspace' | 'submission'
  /** The lab, for commands in hints (`labs start git/x`). */
  labId?: string
}

/** The learner-facing reason a repository cannot be graded as it is, if any. */
export function conditionProblem(
  c: RepoCondition,
  source: ConditionSource = { kind: 'workspace' },
): ConditionProblem | undefined {
  const lab = source.labId ?? '<lab>'
  const submitted = source.kind === 'submission'
  switch (c.kind) {
    case 'missing':
      return submitted
        ? {
            message: `--submission names ${c.dir}, which does not exist`,
            hint: "check the path: pass the folder that holds the lab's git repository (the one with the .git folder) or a bundle made by `labs submit`",
          }
        : { message: `there is no workspace at ${c.dir}`, hint: `run \`labs start ${lab}\` first` }
    case 'not-a-repo':
      return {
        message: `${c.dir} is not a git repository (no .git folder)`,
        hint: submitted
          ? "pass the folder that holds the lab's git repository (the one with the .git folder), or a bundle made by `labs submit`"
          : `run \`labs reset ${lab}\` to get a fresh starter repository`,
      }
    case 'linked':
      return {
        message: `${c.dir} is a linked worktree, a submodule or a link to a repository elsewhere (its .git is not a folder)`,
        hint: 'grade the main checkout of the lab instead',
      }
    case 'empty':
      return {
        message: `the repository at ${c.dir} has no commits yet`,
        hint: 'make at least one commit, then grade again',
      }
  }
  if (c.inProgress) return FINISH[c.inProgress]
  if (c.shallow) {
    return {
      message: 'the repository is shallow: part of its history is missing',
      hint: 'run `git fetch --unshallow` (or start the lab again), then grade again',
    }
  }
  return undefined
}
