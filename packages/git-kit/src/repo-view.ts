import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { CatFileBatch, treePaths } from './cat-file-batch.ts'
import { type Commit, CommitGraph, type Ref } from './commit-graph.ts'
import type { HardenedGit } from './hardened-git.ts'
import type { RepoCondition } from './repo-condition.ts'
import { stagedGit } from './staged-git.ts'

const FS = '\x1f'
const RS = '\x1e'

/**
 * Read-only questions about a staged repository. It reads through hardened git only;
 * the staged copy's config was already stripped, so nothing the learner configured runs.
 */
export class RepoView {
  readonly git: HardenedGit
  private graphPromise?: Promise<CommitGraph>
  /** Object reads share one `git cat-file --batch` (LABS_GIT_BATCH=0: a git process per read, as before). */
  private readonly batch?: CatFileBatch

  constructor(
    readonly dir: string,
    readonly condition: RepoCondition,
  ) {
    this.git = stagedGit(dir)
    if (process.env.LABS_GIT_BATCH !== '0') this.batch = new CatFileBatch(dir)
  }

  /** Ends the view's long-lived git process (it also ends by itself when idle). */
  close(): void {
    this.batch?.close()
  }

  /** The commit graph, loaded once. */
  graph(): Promise<CommitGraph> {
    this.graphPromise ??= this.loadGraph()
    return this.graphPromise
  }

  private async loadGraph(): Promise<CommitGraph> {
    const refsOut = await this.git.text([
      'for-each-ref',
      `--format=%(refname)${FS}%(objecttype)${FS}%(objectname)${FS}%(*objectname)${FS}%(contents)${RS}`,
    ])
    const refs: Ref[] = []
    for (const rec of refsOut.split(RS)) {
      const [name, type, object, peeled, contents] = rec.replace(/^\n/, '').split(FS)
      if (!name) continue
      const annotated = type === 'tag'
      refs.push({
        name,
        short: name.replace(/^refs\/(heads|tags|remotes)\//, ''),
        target: (annotated ? peeled : object) ?? '',
        annotated,
        ...(annotated ? { message: contents?.trim() ?? '' } : {}),
      })
    }
    const commits = new Map<string, Commit>()
    const logOut = await this.git.run(
      ['log', '--all', '--topo-order', `--format=%H${FS}%P${FS}%an${FS}%ae${FS}%at${FS}%s${FS}%b${RS}`],
      { allowFailure: true },
    )
    for (const rec of logOut.stdout.split(RS)) {
      const [sha, parents, an, ae, at, subject, body] = rec.replace(/^\n/, '').split(FS)
      if (!sha) continue
      commits.set(sha, {
        sha,
        parents: parents ? parents.split(' ') : [],
        authorName: an ?? '',
        authorEmail: ae ?? '',
        authorTime: Number(at),
        subject: subject ?? '',
        body: (body ?? '').trim(),
      })
    }
    return new CommitGraph(commits, refs)
  }

  /** Resolves a revision to a commit hash, or undefined. */
  async resolve(rev: string): Promise<string | undefined> {
    if (this.batch) {
      const o = await this.batch.read(`${rev}^{commit}`)
      return o?.type === 'commit' ? o.sha : undefined
    }
    const r = await this.git.run(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], {
      allowFailure: true,
    })
    return r.code === 0 ? r.stdout.trim() : undefined
  }

  /** A file's content at a revision, or undefined when it does not exist there. */
  async fileAt(rev: string, path: string): Promise<string | undefined> {
    if (this.batch) {
      const o = await this.batch.read(`${rev}:${path}`)
      return o?.type === 'blob' ? o.content.toString('utf8') : undefined
    }
    const r = await this.git.run(['cat-file', 'blob', `${rev}:${path}`], { allowFailure: true })
    return r.code === 0 ? r.stdout : undefined
  }

  /** Every file path in a revision's tree. */
  async filesAt(rev: string): Promise<string[]> {
    const tree = await this.batch?.read(`${rev}^{tree}`)
    if (this.batch && tree?.type === 'tree') return treePaths(this.batch, tree.sha)
    const out = await this.git.text(['ls-tree', '-r', '-z', '--name-only', rev])
    return out.split('\0').filter(Boolean)
  }

  /** A file in the (staged copy of the) working tree, or undefined. */
  async workingFile(path: string): Promise<string | undefined> {
    return readFile(join(this.dir, path), 'utf8').catch(() => undefined)
  }

  /** Paths git considers ignored, from a list of candidates, judged by the working tree's rules. */
  async ignored(paths: string[]): Promise<string[]> {
    if (paths.length === 0) return []
    const r = await this.git.run(['check-ignore', '--no-index', '--stdin', '-z'], {
      input: `${paths.join('\0')}\0`,
      allowFailure: true,
    })
    return r.stdout.split('\0').filter(Boolean)
  }

  /** Paths changed between two revisions. */
  async changedFiles(from: string, to: string): Promise<string[]> {
    const out = await this.git.text(['diff', '--name-only', '-z', '--no-renames', from, to])
    return out.split('\0').filter(Boolean)
  }

  /** `git status --porcelain` entries of the working tree: [code, path]. */
  async status(): Promise<[string, string][]> {
    // Not text(): trimming would eat the leading space of " M path" and the path's first letter.
    const { stdout } = await this.git.run(['status', '--porcelain=v1', '-z', '--untracked-files=all'])
    return stdout
      .split('\0')
      .filter(Boolean)
      .map((e) => [e.slice(0, 2), e.slice(3)] as [string, string])
  }

  /** Checks out a revision in this staged copy (never the learner's), e.g. to run a test script there. */
  async checkout(rev: string): Promise<void> {
    await this.git.run(['checkout', '-q', '--force', '--detach', rev])
    await this.git.run(['clean', '-q', '-fdx'])
  }
}
