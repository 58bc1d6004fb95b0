import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HardenedGit } from '@backend-labs/git-kit'
import scenario, { UPSTREAM } from './scenario.ts'

/** The tag the task asks for. */
export const TAG = 'v1.1.0-rc1'

export interface SnapshotCommit {
  sha: string
  subject: string
  authorName: string
}

export interface UpstreamSnapshot {
  /** origin's main when the lab started: the teammate's commit. */
  mainTip: string
  /** origin's main, newest first. */
  mainCommits: SnapshotCommit[]
  /** The commits on origin's main that the learner's clone did not have (the teammate's). */
  teammateCommits: SnapshotCommit[]
}

let cached: Promise<UpstreamSnapshot> | undefined

/**
 * The remote as the lab started it. Scenarios are deterministic, so rebuilding one gives the
 * very hashes the learner's remote started with, also when the learner never fetched them.
 */
export function upstreamSnapshot(): Promise<UpstreamSnapshot> {
  cached ??= build()
  // A failed build must not stick: the next check tries again.
  cached.catch(() => {
    cached = undefined
  })
  return cached
}

async function build(): Promise<UpstreamSnapshot> {
  const dir = await mkdtemp(join(tmpdir(), 'upstream-snapshot-'))
  try {
    const repo = join(dir, 'repo')
    await scenario(repo)
    const upstream = new HardenedGit(join(repo, UPSTREAM))
    const log = async (range: string) => {
      const out = await upstream.text(['log', '--topo-order', '--format=%H%x1f%s%x1f%an', range])
      return out
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const [sha, subject, authorName] = line.split('\x1f') as [string, string, string]
          return { sha, subject, authorName }
        })
    }
    const cloned = await new HardenedGit(repo).text(['rev-parse', 'refs/remotes/origin/main'])
    const mainCommits = await log('main')
    return { mainTip: mainCommits[0]!.sha, mainCommits, teammateCommits: await log(`${cloned}..main`) }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
