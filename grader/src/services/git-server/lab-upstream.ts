import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { type HardenedGit, stagedGit } from '@backend-labs/git-kit'
import { BadInputError } from '@backend-labs/lab-kit'

/**
 * Where a `git-server` lab keeps its shared remote while the learner works: a bare repository
 * inside the workspace's git dir (invisible in the work tree, copied along when the repo is
 * staged). The workspace's `origin` names it by this relative path, which git resolves from the
 * top of the work tree, so it keeps working when the workspace is moved or copied.
 */
export const UPSTREAM_GIT_DIR = '.git/labs-upstream.git'

/** Where a submission bundle carries the remote's refs (`refs/labs/upstream/heads/*`, `…/tags/*`). */
export const UPSTREAM_REF_PREFIX = 'refs/labs/upstream/'

/** Refname (`refs/heads/x`, `refs/tags/y`) → object name. */
export type RefMap = Map<string, string>

export function upstreamPath(repoDir: string): string {
  return join(repoDir, UPSTREAM_GIT_DIR)
}

const missingUpstream = () =>
  new BadInputError(
    `the lab's remote is missing from your repository (${UPSTREAM_GIT_DIR}), so your pushes cannot be graded`,
    'run `labs reset <lab>` to start again with a fresh remote (your current work is backed up first)',
  )

/**
 * For `labs submit`: copies the remote's refs into `refs/labs/upstream/*` of `repoDir` (a sanitised
 * copy of the workspace), so a bundle of it carries the remote's state. Returns how many refs.
 */
export async function captureUpstreamRefs(repoDir: string): Promise<number> {
  const upstream = upstreamPath(repoDir)
  if (!existsSync(upstream)) throw missingUpstream()
  const git = stagedGit(repoDir)
  // --no-tags: tags must not be auto-followed into the learner's own refs/tags.
  await git.run([
    'fetch',
    '-q',
    '--no-tags',
    '--prune',
    '--no-write-fetch-head',
    upstream,
    `+refs/heads/*:${UPSTREAM_REF_PREFIX}heads/*`,
    `+refs/tags/*:${UPSTREAM_REF_PREFIX}tags/*`,
  ])
  return (await readRefs(git, UPSTREAM_REF_PREFIX)).size
}

/**
 * Fetches the learner's remote state from a staged submission into `into` under `prefix`
 * (`<prefix>heads/*`, `<prefix>tags/*`): from the remote folder of a staged workspace, or from
 * the `refs/labs/upstream/*` of a staged bundle. Fetching (not pushing) from the learner's copy
 * keeps its config out of play: upload-pack honours nothing in a repository's config that runs commands.
 */
export async function fetchLearnerRemote(
  stagedDir: string,
  into: HardenedGit,
  prefix: string,
): Promise<RefMap> {
  const upstream = upstreamPath(stagedDir)
  if (existsSync(upstream)) {
    await fetchRefs(into, upstream, 'refs/', prefix)
  } else {
    const carried = await readRefs(stagedGit(stagedDir), UPSTREAM_REF_PREFIX)
    if (carried.size === 0) throw missingUpstream()
    await fetchRefs(into, stagedDir, UPSTREAM_REF_PREFIX, prefix)
  }
  return readRefs(into, prefix)
}

/** Fetches `<from>heads/*` and `<from>tags/*` of `source` into `<to>heads/*` and `<to>tags/*`. */
export async function fetchRefs(into: HardenedGit, source: string, from: string, to: string): Promise<void> {
  await into.run([
    'fetch',
    '-q',
    '--no-tags',
    '--no-write-fetch-head',
    source,
    `+${from}heads/*:${to}heads/*`,
    `+${from}tags/*:${to}tags/*`,
  ])
}

/** The refs under `prefix`, renamed to `refs/…` (e.g. `refs/learner/heads/x` → `refs/heads/x`). */
export async function readRefs(git: HardenedGit, prefix: string): Promise<RefMap> {
  const out = await git.text(['for-each-ref', '--format=%(objectname) %(refname)', prefix])
  const refs: RefMap = new Map()
  for (const line of out.split('\n').filter(Boolean)) {
    const [sha, name] = line.split(' ') as [string, string]
    refs.set(`refs/${name.slice(prefix.length)}`, sha)
  }
  return refs
}
