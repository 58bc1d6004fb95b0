import { CheckFailure } from '@backend-labs/lab-kit'
import type { Commit, CommitGraph, Ref } from './commit-graph.ts'

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

export function shortSha(sha: string): string {
  return sha.slice(0, 7)
}

/** "abc1234 Add login form" */
export function describeCommit(c: Commit): string {
  return `${shortSha(c.sha)} "${c.subject}"`
}

function listNames(refs: Ref[]): string {
  return refs.length ? refs.map((r) => r.short).join(', ') : 'none'
}

/** The branch, or a failure that lists the branches there are. */
export function expectBranch(graph: CommitGraph, name: string, hint?: string): Ref {
  const ref = graph.branch(name)
  if (ref) return ref
  throw new CheckFailure({
    expected: `a branch named "${name}"`,
    found: `branches: ${listNames(graph.branches())}`,
    hint: hint ?? `create it with \`git switch -c ${name}\` (or check its spelling)`,
  })
}

/** The tag, or a failure that lists the tags there are. */
export function expectTag(graph: CommitGraph, name: string, hint?: string): Ref {
  const ref = graph.tag(name)
  if (ref) return ref
  throw new CheckFailure({
    expected: `a tag named "${name}"`,
    found: `tags: ${listNames(graph.tags())}`,
    hint: hint ?? `create it with \`git tag -a ${name} -m "…"\``,
  })
}

/** Fails with "feature is 2 commits behind main: rebase feature onto main" unless `branch` contains `base`. */
export function expectContains(graph: CommitGraph, branch: string, base: string): void {
  const b = expectBranch(graph, branch)
  const m = expectBranch(graph, base)
  const behind = graph.only(m.target, b.target)
  if (behind.length === 0) return
  throw new CheckFailure({
    expected: `${branch} to contain every commit of ${base}`,
    found: `${branch} is ${plural(behind.length, 'commit')} behind ${base} (missing ${behind.map(describeCommit).join(', ')})`,
    where: `branch ${branch}`,
    hint: `rebase ${branch} onto ${base}: \`git switch ${branch} && git rebase ${base}\``,
  })
}

/** Fails unless the commits `branch` adds on top of `base` contain no merge commit. */
export function expectLinear(graph: CommitGraph, branch: string, base: string): void {
  const b = expectBranch(graph, branch)
  const m = expectBranch(graph, base)
  const merges = graph.only(b.target, m.target).filter((c) => c.parents.length > 1)
  if (merges.length === 0) return
  throw new CheckFailure({
    expected: `a linear history on ${branch} (no merge commits on top of ${base})`,
    found: `${plural(merges.length, 'merge commit')}: ${merges.map(describeCommit).join(', ')}`,
    where: `branch ${branch}`,
    hint: `rebase instead of merging: \`git rebase ${base}\` replays your commits on top of ${base}`,
  })
}
