import {
  branchTips,
  type Commit,
  type CommitGraph,
  expectBranch,
  type HardenedGit,
  scenarioSnapshot,
} from '@backend-labs/git-kit'
import scenario from './scenario.ts'

export interface StarterSnapshot {
  /** Branch name to the commit it pointed at when the lab started. */
  tips: Record<string, string>
  /** The files feature's commits changed, with their content at feature's original tip. */
  featureFiles: Map<string, string>
}

/** The starter repository as `labs start` created it (see scenarioSnapshot). */
export function starterSnapshot(): Promise<StarterSnapshot> {
  return scenarioSnapshot(scenario, readSnapshot)
}

async function readSnapshot(git: HardenedGit): Promise<StarterSnapshot> {
  const tips = await branchTips(git)
  const base = await git.text(['merge-base', 'main', 'feature'])
  const changed = await git.text(['diff', '--name-only', '--no-renames', '--diff-filter=AM', base, 'feature'])
  const featureFiles = new Map<string, string>()
  for (const path of changed.split('\n').filter(Boolean)) {
    featureFiles.set(path, (await git.run(['cat-file', 'blob', `feature:${path}`])).stdout)
  }
  return { tips, featureFiles }
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
