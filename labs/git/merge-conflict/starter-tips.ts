import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HardenedGit } from '@backend-labs/git-kit'
import scenario from './scenario.ts'

let cached: Promise<Record<string, string>> | undefined

/**
 * The branch tips of the starter repository, as `labs start` created them. Scenarios are
 * deterministic, so rebuilding one gives the very hashes the learner started from; that works for
 * a bundle too, which carries no reflog.
 */
export function starterTips(): Promise<Record<string, string>> {
  cached ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'starter-tips-'))
    try {
      await scenario(join(dir, 'repo'))
      const out = await new HardenedGit(join(dir, 'repo')).text([
        'for-each-ref',
        '--format=%(refname:short) %(objectname)',
        'refs/heads',
      ])
      return Object.fromEntries(out.split('\n').map((line) => line.split(' ') as [string, string]))
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })()
  // A failed build must not stick: the next check tries again.
  cached.catch(() => {
    cached = undefined
  })
  return cached
}
