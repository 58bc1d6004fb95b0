import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type CommitGraph, describeCommit, HardenedGit, type RepoView } from '@backend-labs/git-kit'
import { LEAKED_KEY } from './scenario.ts'

export interface Leak {
  sha: string
  /** Files of that commit's tree holding the key. */
  paths: string[]
  inMessage: boolean
}

const CHUNK = 200

/** Every commit reachable from any ref (branches, tags, remotes, stash, refs/original…) that holds the key. */
export async function findLeaks(repo: RepoView): Promise<Leak[]> {
  const shas = (await repo.git.text(['rev-list', '--all'])).split('\n').filter(Boolean)
  const leaks = new Map<string, Leak>()
  const leak = (sha: string) => {
    const known = leaks.get(sha)
    if (known) return known
    const fresh: Leak = { sha, paths: [], inMessage: false }
    leaks.set(sha, fresh)
    return fresh
  }
  for (let i = 0; i < shas.length; i += CHUNK) {
    const r = await repo.git.run(['grep', '-F', '-l', '-a', '-e', LEAKED_KEY, ...shas.slice(i, i + CHUNK)], {
      allowFailure: true,
    })
    for (const line of r.stdout.split('\n').filter(Boolean)) {
      const colon = line.indexOf(':')
      leak(line.slice(0, colon)).paths.push(line.slice(colon + 1))
    }
  }
  const inMessages = await repo.git.text(['log', '--all', '-F', `--grep=${LEAKED_KEY}`, '--format=%H'])
  for (const sha of inMessages.split('\n').filter(Boolean)) leak(sha).inMessage = true
  return [...leaks.values()]
}

/** "abc1234 "Subject" (src/config.js, .env) via feature/payments, refs/original/…" */
export function describeLeak(graph: CommitGraph, l: Leak): string {
  const c = graph.commit(l.sha)
  const where = [...l.paths, ...(l.inMessage ? ['its message'] : [])].join(', ')
  const refs = graph.refs.filter((r) => graph.isAncestor(l.sha, r.target)).map((r) => r.short)
  return `${c ? describeCommit(c) : l.sha.slice(0, 7)} (${where}) via ${refs.join(', ')}`
}

/** Refs (other than branches) that keep old history alive, with how to drop each kind. */
export function leftoverRefHints(graph: CommitGraph, leaks: Leak[]): string[] {
  const hints = new Set<string>()
  for (const r of graph.refs) {
    if (!leaks.some((l) => graph.isAncestor(l.sha, r.target))) continue
    if (r.name.startsWith('refs/original/')) {
      hints.add(`\`git update-ref -d ${r.name}\` removes the backup git filter-branch left`)
    } else if (r.name === 'refs/stash')
      hints.add('`git stash drop` (or `git stash clear`) removes a stash that holds it')
    else if (r.name.startsWith('refs/tags/'))
      hints.add(`\`git tag -d ${r.short}\` removes the tag ${r.short}`)
    else if (r.name.startsWith('refs/heads/') && r.short !== 'feature/payments') {
      hints.add(`\`git branch -D ${r.short}\` removes the old branch ${r.short}`)
    }
  }
  return [...hints]
}

/** Whether a .gitignore text ignores a top-level path, judged by git itself in a throwaway repository. */
export async function gitignoreIgnores(gitignore: string, path: string): Promise<boolean> {
  const dir = await mkdtemp(join(tmpdir(), 'labs-gitignore-'))
  try {
    const git = new HardenedGit(dir)
    await git.run(['init', '-q'])
    await writeFile(join(dir, '.gitignore'), gitignore)
    return (await git.run(['check-ignore', '-q', '--no-index', path], { allowFailure: true })).code === 0
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
