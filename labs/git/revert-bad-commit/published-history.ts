import type { Commit, CommitGraph, RepoView } from '@backend-labs/git-kit'
import { fail } from '@backend-labs/lab-kit'
import { BAD_SUBJECT } from './scenario.ts'

/** What the team already has: refs/remotes/origin/main, set by the scenario. */
export function publishedMain(graph: CommitGraph): string {
  const ref = graph.refs.find((r) => r.name === 'refs/remotes/origin/main')
  if (ref) return ref.target
  return fail({
    expected: 'the remote-tracking branch origin/main the lab starts with',
    found: 'it is gone',
    hint: 'it records what your team already has; start the lab again with `pnpm labs reset git/revert-bad-commit`',
  })
}

/** Published commits, oldest first. */
export function publishedCommits(graph: CommitGraph): Commit[] {
  return graph.firstParentChain(publishedMain(graph)).reverse()
}

export function findBadCommit(graph: CommitGraph): Commit {
  const bad = publishedCommits(graph).find((c) => c.subject === BAD_SUBJECT)
  return bad ?? fail({ expected: `the commit "${BAD_SUBJECT}" on origin/main`, found: 'no such commit' })
}

export interface FileChange {
  path: string
  created: boolean
  /** Lines the commit added / removed (trimmed, blank lines left out). */
  added: string[]
  removed: string[]
}

/** A commit's change per file, from its diff against its first parent. */
export async function commitChanges(repo: RepoView, sha: string): Promise<FileChange[]> {
  const files: FileChange[] = []
  let current: FileChange | undefined
  let inHeader = false
  const diff = await repo.git.text(['diff', '-U0', '--no-renames', '--no-ext-diff', `${sha}^`, sha])
  for (const line of diff.split('\n')) {
    if (line.startsWith('diff --git ')) {
      current = { path: '', created: false, added: [], removed: [] }
      files.push(current)
      inHeader = true
      continue
    }
    if (!current) continue
    const text = line.slice(1).trim()
    if (inHeader && line === '--- /dev/null') current.created = true
    else if (inHeader && line.startsWith('+++ b/')) current.path = line.slice(6)
    else if (inHeader && line.startsWith('--- a/')) current.path = line.slice(6)
    else if (line.startsWith('@@')) inHeader = false
    else if (!inHeader && line.startsWith('+') && text) current.added.push(text)
    else if (!inHeader && line.startsWith('-') && text) current.removed.push(text)
  }
  return files
}

async function lineSet(repo: RepoView, rev: string, path: string): Promise<Set<string> | undefined> {
  const content = await repo.fileAt(rev, path)
  return content === undefined ? undefined : new Set(content.split('\n').map((l) => l.trim()))
}

/** Files where the bad commit's change is still (partly) present at `rev`. */
export async function badChangeLeft(repo: RepoView, bad: Commit, rev: string): Promise<string[]> {
  const left: string[] = []
  for (const change of await commitChanges(repo, bad.sha)) {
    const now = await lineSet(repo, rev, change.path)
    if (change.created) {
      if (now) left.push(change.path)
      continue
    }
    const before = (await lineSet(repo, `${bad.sha}^`, change.path)) ?? new Set()
    const newLines = change.added.filter((l) => !before.has(l))
    if (!now || newLines.some((l) => now.has(l)) || change.removed.some((l) => !now.has(l)))
      left.push(change.path)
  }
  return left
}

/** Files where the change of a good commit is missing at `rev` (its added lines are gone). */
export async function goodChangeMissing(repo: RepoView, commit: Commit, rev: string): Promise<string[]> {
  const missing: string[] = []
  for (const change of await commitChanges(repo, commit.sha)) {
    const now = await lineSet(repo, rev, change.path)
    if (!now || change.added.some((l) => !now.has(l))) missing.push(change.path)
  }
  return missing
}
