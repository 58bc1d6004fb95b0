import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { BadInputError } from '@backend-labs/lab-kit'
import type { HardenedGit } from './hardened-git.ts'

/**
 * Makes the staged copy's refs mean what a lab's checks mean by a name:
 * - `refs/replace/*` is deleted: it would make git show other commits than those stored (every
 *   grader git also runs with GIT_NO_REPLACE_OBJECTS=1). Other refs (refs/original, refs/stash,
 *   notes) stay: they are evidence a check may need;
 * - a ref that git would read instead of the branch, tag or remote-tracking branch a check names is
 *   bad input: `refs/X` is read before `refs/tags/X` and `refs/heads/X`, `refs/tags/X` before
 *   `refs/heads/X`, and `refs/heads/X` before `refs/remotes/X`.
 */
export async function sanitiseStagedRefs(git: HardenedGit, where: string): Promise<void> {
  const refs = (await git.text(['for-each-ref', '--format=%(refname)'])).split('\n').filter(Boolean)
  for (const ref of refs.filter((r) => r.startsWith('refs/replace/')))
    await git.run(['update-ref', '--no-deref', '-d', ref])
  const short = (ref: string, ns: string) => (ref.startsWith(ns) ? ref.slice(ns.length) : undefined)
  const names = (ns: string) => new Set(refs.map((r) => short(r, ns)).filter((n): n is string => !!n))
  const heads = names('refs/heads/')
  const tags = names('refs/tags/')
  const remotes = names('refs/remotes/')
  const shortNames = new Set([...heads, ...tags, ...remotes])
  const bare = refs.filter((r) => /^refs\/[^/]+/.test(r) && shortNames.has(r.slice('refs/'.length)))
  const clashes = [
    ...bare.map((r) => ({
      n: r.slice('refs/'.length),
      kind: `ref ${r}`,
      other: 'branch or tag',
      fix: `git update-ref -d ${r}`,
    })),
    ...[...tags]
      .filter((n) => heads.has(n) || remotes.has(n))
      .map((n) => ({
        n,
        kind: 'tag',
        other: heads.has(n) ? 'branch' : 'remote-tracking branch',
        fix: `git tag -d ${n}`,
      })),
    ...[...heads]
      .filter((n) => remotes.has(n))
      .map((n) => ({
        n,
        kind: 'branch',
        other: 'remote-tracking branch',
        fix: `git branch -m ${n} <another name>`,
      })),
  ]
  const first = clashes[0]
  if (first)
    throw new BadInputError(
      `${where} has a ${first.kind} and a ${first.other} both named "${first.n}": git would read the ${first.kind} where the lab means the ${first.other}, so it cannot be graded.`,
      `Rename or delete the ${first.kind} (\`${first.fix}\`), then grade again${clashes.length > 1 ? ` (${clashes.length} names clash: ${clashes.map((c) => c.n).join(', ')})` : ''}.`,
    )
}

/**
 * A repository whose objects live in another one (`objects/info/alternates`, made by `git clone
 * --shared` or `--reference`) cannot be graded from a copy, which never follows that pointer: when
 * the copy then lacks objects, say so instead of failing every check with a grader error.
 */
export async function refuseBorrowedObjects(
  srcGitDir: string,
  staged: HardenedGit,
  where: string,
): Promise<void> {
  if (!existsSync(join(srcGitDir, 'objects', 'info', 'alternates'))) return
  const complete = await staged.run(['rev-list', '--quiet', '--objects', '--all'], { allowFailure: true })
  if (complete.code === 0) return
  throw new BadInputError(
    `${where} borrows its objects from another repository (.git/objects/info/alternates, made by \`git clone --shared\` or \`--reference\`): the grader grades only what a repository holds.`,
    'Run `git repack -a -d`, delete .git/objects/info/alternates, then grade again.',
  )
}
