import { mkdir } from 'node:fs/promises'
import {
  type CommitGraph,
  HardenedGit,
  inspectRepo,
  type RejectedPush,
  type RemoteRef,
  type RemoteView,
  RepoView,
} from '@backend-labs/git-kit'

/** The git server after the replay, read over git:// (`ls-remote`, and a clone for the graph). */
export class ServerRemoteView implements RemoteView {
  private refsPromise?: Promise<RemoteRef[]>
  private graphPromise?: Promise<CommitGraph>

  constructor(
    /** A scratch repository of the grader's, to run `ls-remote` from. */
    private readonly git: HardenedGit,
    readonly url: string,
    /** An empty folder for the clone. */
    private readonly cloneDir: string,
    readonly rejected: readonly RejectedPush[],
  ) {}

  refs(): Promise<RemoteRef[]> {
    this.refsPromise ??= this.listRefs()
    return this.refsPromise
  }

  graph(): Promise<CommitGraph> {
    this.graphPromise ??= this.cloneGraph()
    return this.graphPromise
  }

  private async listRefs(): Promise<RemoteRef[]> {
    const out = await this.git.text(['ls-remote', '--heads', '--tags', this.url])
    const objects = new Map<string, string>()
    const peeled = new Map<string, string>()
    for (const line of out.split('\n').filter(Boolean)) {
      const [sha, name] = line.split('\t') as [string, string]
      if (name.endsWith('^{}')) peeled.set(name.slice(0, -3), sha)
      else objects.set(name, sha)
    }
    return [...objects].map(([name, object]) => ({
      name,
      object,
      target: peeled.get(name) ?? object,
      annotated: peeled.has(name),
    }))
  }

  /** Branches and tags land under their own names, so `graph.branch('main')` is the server's main. */
  private async cloneGraph(): Promise<CommitGraph> {
    await mkdir(this.cloneDir, { recursive: true })
    const clone = new HardenedGit(this.cloneDir)
    await clone.run(['init', '-q'])
    await clone.run([
      'fetch',
      '-q',
      '--no-tags',
      '--update-head-ok',
      '--no-write-fetch-head',
      this.url,
      '+refs/heads/*:refs/heads/*',
      '+refs/tags/*:refs/tags/*',
    ])
    return new RepoView(this.cloneDir, await inspectRepo(this.cloneDir)).graph()
  }
}
