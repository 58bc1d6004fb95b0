import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Commit, type CommitGraph, expectBranch, HardenedGit } from '@backend-labs/git-kit'
import scenario from './scenario.ts'

export interface StarterSnapshot {
  /** Branch name to the commit it pointed at when the lab started. */
  tips: Record<string, string>
  /** The files feature's commits changed, with their content at feature's original tip. */
  featureFiles: Map<string, string>
}

let cached: Promise<StarterSnapshot> | undefined

/**
 * The starter repository as `labs start` created it. Scenarios are deterministic, so rebuilding
 * one gives the very hashes and contents the learner started from, even when grading a bundle
 * (which carries neither reflog nor the commits a rebase replaced).
 */
export function starterSnapshot(): Promise<StarterSnapshot> {
  cached ??= build()
  // A failed build must not stick: the next check tries again.
  cached.catch(() => {
    cached = undefined
  })
  return cached
}

async function build(): Promise<StarterSnapshot> {
  const dir = await mkdtemp(join(tmpdir(), 'starter-snapshot-'))
  try {
    const repo = join(dir, 'repo')
    await scenario(repo)
    const git = new HardenedGit(repo)
    const refs = await git.text(['for-each-ref', '--format=%(refname:short) %(objectname)', 'refs/heads'])
    const tips = Object.fromEntries(refs.split('\n').map((line) => line.split(' ') as [string, string]))
    const base = await git.text(['merge-base', 'main', 'feature'])
    const changed = await git.text([
      'diff',
      '--name-only',
      '--no-renames',
      '--diff-filter=AM',
      base,
      'feature',
    ])
    const featureFiles = new Map<string, string>()
    for (const path of changed.split('\n').filter(Boolean)) {
      featureFiles.set(path, (await git.run(['cat-file', 'blob', `feature:${path}`])).stdout)
    }
    return { tips, featureFiles }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/**
 * The commits feature adds on top of main's original tip. Measuring from the original tip keeps
 * the answer meaningful when main itself was moved (which main-unchanged reports on its own).
 */
export async function featureOwnCommits(graph: CommitGraph): Promise<Commit[]> {
  const feature = expectBranch(graph, 'feature')
  const original = (await starterSnapshot()).tips.main!
  const base = graph.commit(original) ? original : expectBranch(graph, 'main').target
  return graph.only(feature.target, base)
}
