export interface Commit {
  sha: string
  parents: string[]
  authorName: string
  authorEmail: string
  /** Unix seconds. */
  authorTime: number
  subject: string
  body: string
}

export interface Ref {
  /** Full name, e.g. `refs/heads/main`, `refs/tags/v1.0.0`. */
  name: string
  /** Short name, e.g. `main`, `v1.0.0`. */
  short: string
  /** The commit it points at (peeled for annotated tags). */
  target: string
  /** True for annotated tags. */
  annotated: boolean
  /** The annotated tag's message. */
  message?: string
}

/** The whole commit graph of a repository: commits reachable from any ref, and the refs. */
export class CommitGraph {
  private readonly ancestorCache = new Map<string, Set<string>>()

  constructor(
    readonly commits: ReadonlyMap<string, Commit>,
    readonly refs: readonly Ref[],
  ) {}

  branch(name: string): Ref | undefined {
    return this.refs.find((r) => r.name === `refs/heads/${name}`)
  }

  branches(): Ref[] {
    return this.refs.filter((r) => r.name.startsWith('refs/heads/'))
  }

  tag(name: string): Ref | undefined {
    return this.refs.find((r) => r.name === `refs/tags/${name}`)
  }

  tags(): Ref[] {
    return this.refs.filter((r) => r.name.startsWith('refs/tags/'))
  }

  commit(sha: string): Commit | undefined {
    return this.commits.get(sha)
  }

  /** Every commit reachable from `sha`, itself included. */
  ancestors(sha: string): Set<string> {
    const cached = this.ancestorCache.get(sha)
    if (cached) return cached
    const seen = new Set<string>()
    const stack = [sha]
    while (stack.length) {
      const s = stack.pop()!
      if (seen.has(s)) continue
      seen.add(s)
      for (const p of this.commits.get(s)?.parents ?? []) stack.push(p)
    }
    this.ancestorCache.set(sha, seen)
    return seen
  }

  isAncestor(ancestor: string, of: string): boolean {
    return this.ancestors(of).has(ancestor)
  }

  /** Commits reachable from `tip` but not from `base`, newest first along first parents where possible. */
  only(tip: string, base: string): Commit[] {
    const exclude = this.ancestors(base)
    const out: Commit[] = []
    for (const sha of this.ancestors(tip)) if (!exclude.has(sha)) out.push(this.commits.get(sha)!)
    return out.sort((a, b) => b.authorTime - a.authorTime)
  }

  /** The first-parent chain from `tip` back to the root, newest first. */
  firstParentChain(tip: string): Commit[] {
    const out: Commit[] = []
    let c = this.commits.get(tip)
    while (c) {
      out.push(c)
      c = c.parents[0] ? this.commits.get(c.parents[0]) : undefined
    }
    return out
  }

  /** Merge commits reachable from `tip`. */
  merges(tip: string): Commit[] {
    return [...this.ancestors(tip)].map((s) => this.commits.get(s)!).filter((c) => c.parents.length > 1)
  }
}
