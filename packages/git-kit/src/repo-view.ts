import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { GitPluginError, type SimpleGit } from 'simple-git'
import { CatFileBatch, treePaths } from './cat-file-batch.ts'
import { type Commit, CommitGraph, type Ref } from './commit-graph.ts'
import type { HardenedGit } from './hardened-git.ts'
import type { RepoCondition } from './repo-condition.ts'
import { stagedSimpleGit } from './simple-git-client.ts'
import { stagedGit } from './staged-git.ts'

const FS = '\x1f'
const RS = '\x1e'

/** The fields of a commit `log` reads (simple-git parses them, between its own record markers). */
const LOG_FORMAT = {
  sha: '%H',
  parents: '%P',
  authorName: '%an',
  authorEmail: '%ae',
  authorTime: '%at',
  subject: '%s',
  body: '%b',
} as const
type LogFields = Record<keyof typeof LOG_FORMAT, string>

/**
 * Read-only questions about a staged repository. It reads through hardened git only;
 * the staged copy's config was already stripped, so nothing the learner configured runs.
 */
export class RepoView {
  readonly git: HardenedGit
  /** log, status and rev-parse, whose output simple-git parses, with the same hardening. */
  private simpleGit?: SimpleGit
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

  /** Made on first use: simple-git refuses a folder that does not exist (yet). */
  private get simple(): SimpleGit {
    this.simpleGit ??= stagedSimpleGit(this.dir)
    return this.simpleGit
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
    for (const c of await this.commitLog()) {
      commits.set(c.sha, {
        sha: c.sha,
        parents: c.parents ? c.parents.split(' ') : [],
        authorName: c.authorName,
        authorEmail: c.authorEmail,
        authorTime: Number(c.authorTime),
        subject: c.subject,
        body: c.body.trim(),
      })
    }
    return new CommitGraph(commits, refs)
  }

  /** Every commit reachable from a ref, children before parents (none when git cannot list them). */
  private async commitLog(): Promise<readonly LogFields[]> {
    try {
      const log = await this.simple.log<LogFields>({
        format: LOG_FORMAT,
        splitter: FS,
        '--all': null,
        '--topo-order': null,
      })
      return log.all
    } catch (error) {
      // As before (allowFailure): a log git refuses is no commits; a refusal of simple-git's guard is a bug.
      if (error instanceof GitPluginError) throw error
      return []
    }
  }

  /** Resolves a revision to a commit hash, or undefined. */
  async resolve(rev: string): Promise<string | undefined> {
    if (this.batch) {
      const o = await this.batch.read(`${rev}^{commit}`)
      return o?.type === 'commit' ? o.sha : undefined
    }
    // `--verify --quiet` exits 1 and says nothing for an unknown revision: simple-git returns "".
    const sha = await this.simple.revparse(['--verify', '--quiet', `${rev}^{commit}`]).catch((error) => {
      if (error instanceof GitPluginError) throw error
      return ''
    })
    return sha || undefined
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

  /** `git status --porcelain` entries of the working tree, untracked files one by one: [code, path]. */
  async status(): Promise<[string, string][]> {
    // simple-git runs `status --porcelain -b -u --null`; a rename is one entry, under its new path.
    const { files } = await this.simple.status()
    return files.map((f) => [`${f.index}${f.working_dir}`, f.path])
  }

  /** Checks out a revision in this staged copy (never the learner's), e.g. to run a test script there. */
  async checkout(rev: string): Promise<void> {
    await this.git.run(['checkout', '-q', '--force', '--detach', rev])
    await this.git.run(['clean', '-q', '-fdx'])
  }
}
