import { type Commit, type CommitGraph, type RepoView, shortSha } from '@backend-labs/git-kit'
import { fail } from '@backend-labs/lab-kit'
import { HOTFIX_SUBJECT } from './scenario.ts'

/** The tip the team already has for `branch` (refs/remotes/origin/<branch>), which the learner must not move. */
export function publishedTip(graph: CommitGraph, branch: string): string {
  const ref = graph.refs.find((r) => r.name === `refs/remotes/origin/${branch}`)
  if (ref) return ref.target
  return fail({
    expected: `the remote-tracking branch origin/${branch} the lab starts with`,
    found: 'it is gone',
    hint: 'it records what your team already has; start the lab again with `pnpm labs reset git/hotfix-cherry-pick`',
  })
}

/** The hotfix commit as published on main. */
export function findHotfix(graph: CommitGraph): Commit {
  const main = publishedTip(graph, 'main')
  for (const sha of graph.ancestors(main)) {
    const c = graph.commit(sha)
    if (c?.subject === HOTFIX_SUBJECT) return c
  }
  return fail({ expected: `the hotfix "${HOTFIX_SUBJECT}" on origin/main`, found: 'no such commit' })
}

interface FileChange {
  path: string
  deleted: boolean
  added: string[]
  removed: string[]
}

/** The lines a commit adds and removes, per file (from its diff against its first parent). */
export async function commitChanges(repo: RepoView, sha: string): Promise<FileChange[]> {
  const diff = await repo.git.text(['diff', '-U0', '--no-renames', '--no-ext-diff', `${sha}^`, sha])
  const files: FileChange[] = []
  let current: FileChange | undefined
  let inHeader = false
  for (const line of diff.split('\n')) {
    if (line.startsWith('diff --git ')) {
      current = { path: '', deleted: false, added: [], removed: [] }
      files.push(current)
      inHeader = true
      continue
    }
    if (!current) continue
    if (inHeader && line.startsWith('--- a/')) {
      current.path = line.slice(6)
    } else if (inHeader && line.startsWith('+++ ')) {
      if (line === '+++ /dev/null') current.deleted = true
      else current.path = line.slice(6)
    } else if (line.startsWith('@@')) {
      inHeader = false
    } else if (!inHeader && line.startsWith('+') && line.slice(1).trim()) {
      current.added.push(line.slice(1).trim())
    } else if (!inHeader && line.startsWith('-') && line.slice(1).trim()) {
      current.removed.push(line.slice(1).trim())
    }
  }
  return files
}

/** Files of `changes` whose change is not (fully) present at `rev`: judged by content, not by hashes. */
export async function filesLackingChange(
  repo: RepoView,
  changes: FileChange[],
  rev: string,
): Promise<string[]> {
  const lacking: string[] = []
  for (const change of changes) {
    const content = await repo.fileAt(rev, change.path)
    if (change.deleted) {
      if (content !== undefined) lacking.push(change.path)
      continue
    }
    const lines = new Set((content ?? '').split('\n').map((l) => l.trim()))
    const stillRemoved = change.removed.filter((l) => !change.added.includes(l))
    if (
      content === undefined ||
      change.added.some((l) => !lines.has(l)) ||
      stillRemoved.some((l) => lines.has(l))
    ) {
      lacking.push(change.path)
    }
  }
  return lacking
}

export function cherryPickHint(branch: string, hotfix: Commit): string {
  return `cherry-pick it onto the release branch: \`git switch ${branch} && git cherry-pick ${shortSha(hotfix.sha)}\``
}
