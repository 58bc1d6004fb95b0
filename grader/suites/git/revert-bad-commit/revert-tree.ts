import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RepoView } from '@backend-labs/git-kit'

/**
 * The tree main would have after a clean `git revert <bad>` on top of `published`, built in a
 * throwaway index (GIT_INDEX_FILE), so the staged copy's index and work tree stay as they are.
 * Undefined when the bad change no longer applies in reverse (it cannot happen in this scenario).
 */
export async function revertTree(
  repo: RepoView,
  published: string,
  bad: string,
): Promise<string | undefined> {
  const tmp = await mkdtemp(join(tmpdir(), 'labs-revert-index-'))
  const env = { GIT_INDEX_FILE: join(tmp, 'index') }
  try {
    await repo.git.run(['read-tree', published], { env })
    const diff = await repo.git.run(['diff', '--binary', '--no-ext-diff', '--no-renames', bad, `${bad}^`])
    const applied = await repo.git.run(['apply', '--cached', '-'], {
      env,
      input: diff.stdout,
      allowFailure: true,
    })
    if (applied.code !== 0) return undefined
    return await repo.git.text(['write-tree'], { env })
  } finally {
    await rm(tmp, { recursive: true, force: true })
  }
}

/** Paths whose content on `rev` differs from the clean revert's tree. */
export async function differFromRevert(repo: RepoView, expectedTree: string, rev: string): Promise<string[]> {
  const out = await repo.git.run(['diff', '--name-only', '-z', '--no-renames', expectedTree, rev])
  return out.stdout.split('\0').filter(Boolean)
}
