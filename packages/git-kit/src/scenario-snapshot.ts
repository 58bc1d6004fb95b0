import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HardenedGit } from './hardened-git.ts'

const cache = new WeakMap<object, Promise<unknown>>()

/**
 * Facts about a lab's starter repository as `labs start` created it. Scenarios are deterministic, so
 * rebuilding one in a temporary folder gives the very hashes and contents the learner started from,
 * even when grading a bundle (which carries neither a reflog nor the commits a rebase replaced).
 * The result is cached per `read` function for the life of the process; a failure is not cached.
 */
export function scenarioSnapshot<T>(
  build: (dir: string) => Promise<void>,
  read: (git: HardenedGit) => Promise<T>,
): Promise<T> {
  let snapshot = cache.get(read) as Promise<T> | undefined
  if (!snapshot) {
    snapshot = (async () => {
      const dir = await mkdtemp(join(tmpdir(), 'scenario-snapshot-'))
      try {
        await build(join(dir, 'repo'))
        return await read(new HardenedGit(join(dir, 'repo')))
      } finally {
        await rm(dir, { recursive: true, force: true })
      }
    })()
    cache.set(read, snapshot)
    snapshot.catch(() => cache.delete(read))
  }
  return snapshot
}

/** Branch name → commit hash of every local branch. */
export async function branchTips(git: HardenedGit): Promise<Record<string, string>> {
  const out = await git.text(['for-each-ref', '--format=%(refname:short) %(objectname)', 'refs/heads'])
  return Object.fromEntries(
    out
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(' ') as [string, string]),
  )
}
