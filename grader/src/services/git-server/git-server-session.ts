import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connectDocker, type DisposeReport, RunRegistry } from '@backend-labs/containers'
import { HardenedGit } from '@backend-labs/git-kit'
import type { Lab } from '../../engine/lab.ts'
import { startGitServer } from './git-server-container.ts'
import { fetchLearnerRemote, fetchRefs, readRefs } from './lab-upstream.ts'
import { replayPushes } from './push-replay.ts'
import { ServerRemoteView } from './server-remote-view.ts'
import { buildUpstreamSeed } from './upstream-seed.ts'

const LEARNER = 'refs/learner/'
const START = 'refs/start/'

import { holdUntilExit } from '../../engine/process-resources.ts'
/**
 * One grading's git server: the lab's remote as it started, served from a container, with the
 * learner's pushes replayed onto it. Owns a temp folder and, through a RunRegistry, the container
 * and its network; {@link dispose} removes them all.
 */
export class GitServerSession {
  private constructor(
    private readonly tmp: string,
    private registry: RunRegistry | undefined,
    private readonly unhold: () => void,
    readonly view: ServerRemoteView,
  ) {}

  /** The run id of the labels on what this session started (for tests and diagnostics). */
  get runId(): string | undefined {
    return this.registry?.runId
  }

  static async open(lab: Lab, submissionDir: string): Promise<GitServerSession> {
    const tmp = await mkdtemp(join(tmpdir(), 'labs-git-server-'))
    let registry: RunRegistry | undefined
    try {
      const replayDir = join(tmp, 'replay.git')
      const replay = new HardenedGit(tmp)
      await replay.run(['init', '-q', '--bare', replayDir])
      const git = new HardenedGit(replayDir)
      const learner = await fetchLearnerRemote(submissionDir, git, LEARNER)
      const seed = join(tmp, 'seed.git')
      await buildUpstreamSeed(lab, seed)
      // The start state sits in the replay repository too, so git itself refuses a rewrite as
      // non-fast-forward (as a learner's own push would be) instead of asking to fetch first.
      await fetchRefs(git, seed, 'refs/', START)
      const start = await readRefs(git, START)
      registry = new RunRegistry(await connectDocker())
      const held = registry
      const unhold = holdUntilExit(() => held.dispose())
      const server = await startGitServer({ registry, seedDir: seed, repoName: 'upstream', labId: lab.id })
      const rejected = await replayPushes(git, server.url, start, learner, LEARNER)
      return new GitServerSession(
        tmp,
        registry,
        unhold,
        new ServerRemoteView(git, server.url, join(tmp, 'clone'), rejected),
      )
    } catch (error) {
      await registry?.dispose()
      await rm(tmp, { recursive: true, force: true })
      throw error
    }
  }

  /** Removes the container, its network and the temp folder; safe to call twice. */
  async dispose(): Promise<DisposeReport | undefined> {
    const report = await this.registry?.dispose()
    this.registry = undefined
    this.unhold()
    await rm(this.tmp, { recursive: true, force: true })
    return report
  }
}
