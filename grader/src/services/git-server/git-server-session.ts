import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { HardenedGit } from '@backend-labs/git-kit'
import { scratchRoot } from '@backend-labs/lab-kit'
import type { Lab } from '../../engine/lab.ts'
import { type GitServerBackend, type GitServerBackendKind, gitServerBackend } from './git-server-backend.ts'
import { fetchLearnerRemote, fetchRefs, readRefs } from './lab-upstream.ts'
import { replayPushes } from './push-replay.ts'
import { ServerRemoteView } from './server-remote-view.ts'
import { upstreamSeed } from './upstream-seed.ts'

const LEARNER = 'refs/learner/'
const START = 'refs/start/'

/**
 * One grading's remote: the lab's remote as it started, served as a repository of its own by the
 * process's shared git server (a container, or a local git daemon without Docker), with the
 * learner's pushes replayed onto it. Owns a temp folder and that repository; {@link dispose}
 * removes both. The server itself lives until the process ends.
 */
export class GitServerSession {
  private constructor(
    private readonly tmp: string,
    private backend: GitServerBackend | undefined,
    private readonly repoName: string,
    readonly runId: string,
    readonly view: ServerRemoteView,
  ) {}

  static async open(
    lab: Lab,
    submissionDir: string,
    kind: GitServerBackendKind = 'container',
  ): Promise<GitServerSession> {
    const tmp = await mkdtemp(join(scratchRoot(), 'labs-git-server-'))
    try {
      const replayDir = join(tmp, 'replay.git')
      const replay = new HardenedGit(tmp)
      await replay.run(['init', '-q', '--bare', replayDir])
      const git = new HardenedGit(replayDir)
      const learner = await fetchLearnerRemote(submissionDir, git, LEARNER)
      const seed = await upstreamSeed(lab)
      // The start state sits in the replay repository too, so git itself refuses a rewrite as
      // non-fast-forward (as a learner's own push would be) instead of asking to fetch first.
      await fetchRefs(git, seed, 'refs/', START)
      const start = await readRefs(git, START)
      const backend = await gitServerBackend(kind, lab.id)
      const repoName = `upstream-${randomBytes(6).toString('hex')}`
      const url = await backend.addRepository(seed, repoName)
      const rejected = await replayPushes(git, url, start, learner, LEARNER)
      return new GitServerSession(
        tmp,
        backend,
        repoName,
        backend.runId,
        new ServerRemoteView(git, url, join(tmp, 'clone'), rejected),
      )
    } catch (error) {
      await rm(tmp, { recursive: true, force: true })
      throw error
    }
  }

  /** Removes this grade's repository from the server and the temp folder; safe to call twice. */
  async dispose(): Promise<void> {
    const backend = this.backend
    this.backend = undefined
    await backend?.removeRepository(this.repoName)
    await rm(this.tmp, { recursive: true, force: true })
  }
}
