import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { BadInputError } from '@backend-labs/lab-kit'
import type { HardenedGit } from './hardened-git.ts'

/** Ref namespaces a staged copy keeps; anything else (refs/replace/*, refs/main, …) is dropped. */
// refs/labs/ is where `labs submit` bundles carry the lab's remote (see lab-upstream.ts).
const KEPT_NAMESPACES = [
  'refs/heads/',
  'refs/tags/',
  'refs/remotes/',
  'refs/notes/',
  'refs/stash',
  'refs/labs/',
]

/**
 * Makes the staged copy's refs mean what a lab's checks mean by a name:
 * - refs outside the kept namespaces are deleted: `refs/replace/*` would make git show other
 *   commits than those stored (every grader git also runs with GIT_NO_REPLACE_OBJECTS=1), and a
 *   `refs/main` would shadow the branch `main`;
 * - a tag or branch whose short name git would read instead of a branch or remote-tracking branch
 *   (a tag `main`, a branch `origin/main`) is bad input: git resolves `refs/tags/X` before
 *   `refs/heads/X`, and `refs/heads/X` before `refs/remotes/X`.
 */
export async function sanitiseStagedRefs(git: HardenedGit, where: string): Promise<void> {
  const refs = (await git.text(['for-each-ref', '--format=%(refname)'])).split('\n').filter(Boolean)
  for (const ref of refs.filter((r) => !KEPT_NAMESPACES.some((ns) => r === ns || r.startsWith(ns))))
    await git.run(['update-ref', '--no-deref', '-d', ref])
  const short = (ref: string, ns: string) => (ref.startsWith(ns) ? ref.slice(ns.length) : undefined)
  const names = (ns: string) => new Set(refs.map((r) => short(r, ns)).filter((n): n is string => !!n))
  const heads = names('refs/heads/')
  const tags = names('refs/tags/')
  const remotes = names('refs/remotes/')
  const clashes = [
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
