import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HardenedGit, stageBundle } from '@backend-labs/git-kit'
import { BadInputError, EnvironmentError } from '@backend-labs/lab-kit'
import { afterAll, describe, expect, it } from 'vitest'
import { TAG, upstreamSnapshot } from '../../../../labs/git/remote-upstream/upstream-snapshot.ts'
import type { LearnerSteps } from '../../../suites/git/remote-upstream/learner-steps.ts'
import { releaseProcessResources } from '../../engine/process-resources.ts'
import type { GitServerBackendKind } from './git-server-backend.ts'
import { GitServerSession } from './git-server-session.ts'
import {
  gitServerSkipReason,
  gitServerSuite,
  labelledWith,
  remoteUpstreamLab,
  stagedWorkspace,
} from './git-server-test-env.ts'
import { captureUpstreamRefs } from './lab-upstream.ts'

const lab = await remoteUpstreamLab()

const runIds = new Set<string>()
afterAll(async () => {
  await releaseProcessResources()
  for (const runId of runIds) expect(await labelledWith(runId)).toEqual([])
})

/**
 * Opens a session on `dir`, hands it to `use`, then disposes it and proves its repository is gone
 * from the shared server (the server and its network go when the process releases its resources).
 */
async function withSession(
  dir: string,
  use: (s: GitServerSession) => Promise<void>,
  kind: GitServerBackendKind,
): Promise<void> {
  const session = await GitServerSession.open(lab, dir, kind)
  if (kind === 'container') runIds.add(session.runId)
  const url = session.view.url
  try {
    // The shared server and its network, for the container; the local daemon has neither.
    if (kind === 'container') expect(await labelledWith(session.runId)).toHaveLength(2)
    await use(session)
  } finally {
    await session.dispose()
  }
  const probe = await new HardenedGit(dir).run(['ls-remote', url], { allowFailure: true })
  expect(probe.code).not.toBe(0)
}

const rewriteMain = async (l: LearnerSteps) => {
  await l.solve()
  await l.git('switch', '-q', 'main')
  await l.git('commit', '-q', '--amend', '-m', 'Add a reorder level to stock items')
  await l.git('push', '-q', '--force', 'origin', 'main')
}

/** The same tests for both servers: each must refuse pushes in the same words. */
function sessionTests(kind: GitServerBackendKind) {
  const open = (dir: string, use: (s: GitServerSession) => Promise<void>) => withSession(dir, use, kind)
  it('replays the pushes: new branch and tag accepted, a rewritten main refused with git’s words', async () => {
    const ws = await stagedWorkspace(rewriteMain)
    try {
      const git = new HardenedGit(ws.workspace)
      const feature = await git.text(['rev-parse', 'feature'])
      const tagObject = await git.text(['rev-parse', `refs/tags/${TAG}`])
      const { mainTip } = await upstreamSnapshot()
      await open(ws.staged, async ({ view }) => {
        expect(view.rejected).toEqual([
          {
            ref: 'refs/heads/main',
            kind: 'update',
            reason: 'non-fast-forward',
            message: '! [rejected] main -> main (non-fast-forward)',
          },
        ])
        expect(await view.refs()).toEqual([
          { name: 'refs/heads/feature', object: feature, target: feature, annotated: false },
          { name: 'refs/heads/main', object: mainTip, target: mainTip, annotated: false },
          { name: `refs/tags/${TAG}`, object: tagObject, target: feature, annotated: true },
        ])
        const graph = await view.graph()
        expect(graph.branches().map((b) => [b.short, b.target])).toEqual([
          ['feature', feature],
          ['main', mainTip],
        ])
        expect(graph.tag(TAG)).toMatchObject({ annotated: true, target: feature })
        expect(graph.isAncestor(mainTip, feature)).toBe(true)
      })
    } finally {
      await ws.cleanup()
    }
  })

  it('is a protected remote: it refuses a forced rewrite and a deletion of main', async () => {
    // The learner's remote refuses to delete its current branch too, so delete it behind its back.
    const ws = await stagedWorkspace(async (l) => {
      await l.git('--git-dir=.git/labs-upstream.git', 'update-ref', '-d', 'refs/heads/main')
    })
    try {
      await open(ws.staged, async ({ view }) => {
        expect(view.rejected.map(({ ref, kind, reason }) => ({ ref, kind, reason }))).toEqual([
          { ref: 'refs/heads/main', kind: 'delete', reason: 'deletion prohibited' },
        ])
        expect(view.rejected[0]?.message.split('\n')).toEqual([
          'remote: error: denying ref deletion for refs/heads/main',
          '! [remote rejected] main (deletion prohibited)',
        ])
        // --force skips git's own check on this side: the server's config must refuse it.
        const forced = await new HardenedGit(ws.workspace).run(
          ['push', '--porcelain', '--force', view.url, 'main:refs/heads/main'],
          { allowFailure: true },
        )
        expect(forced.code).toBe(1)
        expect(forced.stdout).toContain(
          '!\trefs/heads/main:refs/heads/main\t[remote rejected] (non-fast-forward)',
        )
        const { mainTip } = await upstreamSnapshot()
        expect((await view.refs()).map((r) => [r.name, r.target])).toEqual([['refs/heads/main', mainTip]])
      })
    } finally {
      await ws.cleanup()
    }
  })

  it('grades the remote carried by a `labs submit` bundle like the workspace’s', async () => {
    const ws = await stagedWorkspace(rewriteMain)
    const unbundled = await mkdtemp(join(tmpdir(), 'git-server-bundle-'))
    try {
      expect(await captureUpstreamRefs(ws.staged)).toBe(3)
      const bundle = join(ws.tmp, 'submission.bundle')
      await new HardenedGit(ws.staged).run(['bundle', 'create', '-q', bundle, '--all'])
      await stageBundle(bundle, unbundled)
      let fromWorkspace: unknown
      await open(ws.staged, async ({ view }) => {
        fromWorkspace = { refs: await view.refs(), rejected: view.rejected }
      })
      await open(unbundled, async ({ view }) => {
        expect({ refs: await view.refs(), rejected: view.rejected }).toEqual(fromWorkspace)
      })
      // The learner's own tags stay their own: the remote's are carried under refs/labs/upstream.
      const tags = await new HardenedGit(unbundled).text(['for-each-ref', '--format=%(refname)', 'refs/tags'])
      expect(tags).toBe(`refs/tags/${TAG}`)
    } finally {
      await rm(unbundled, { recursive: true, force: true })
      await ws.cleanup()
    }
  })
}

describe.skipIf(gitServerSkipReason)(gitServerSuite('GitServerSession (real git, real Docker)'), () =>
  sessionTests('container'),
)

describe('GitServerSession on a local git daemon (real git, no Docker)', () => sessionTests('local'))

describe('GitServerSession before any container starts', () => {
  it("reports a repository without the lab's remote as bad input", async () => {
    const ws = await stagedWorkspace(async () => {})
    try {
      await rm(join(ws.staged, '.git', 'labs-upstream.git'), { recursive: true })
      const error = await GitServerSession.open(lab, ws.staged).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(BadInputError)
      expect((error as BadInputError).message).toBe(
        "the lab's remote is missing from your repository (.git/labs-upstream.git), so your pushes cannot be graded",
      )
    } finally {
      await ws.cleanup()
    }
  })

  it('fails with an EnvironmentError (exit 3) saying what to do when the container is asked for and no Docker engine answers', async () => {
    const ws = await stagedWorkspace(async () => {})
    const saved = process.env.DOCKER_HOST
    process.env.DOCKER_HOST = 'tcp://127.0.0.1:9'
    try {
      const error = await GitServerSession.open(lab, ws.staged, 'container').catch((e: unknown) => e)
      expect(error).toBeInstanceOf(EnvironmentError)
      expect((error as EnvironmentError).exitCode).toBe(3)
      expect((error as EnvironmentError).message).toMatch(
        /^No Docker engine is reachable at tcp:\/\/127\.0\.0\.1:9/,
      )
      expect((error as EnvironmentError).message).toMatch(
        /This lab grades your pushes on a git server in a container\.$/,
      )
      expect((error as EnvironmentError).hint).toMatch(/start it/)
    } finally {
      if (saved === undefined) delete process.env.DOCKER_HOST
      else process.env.DOCKER_HOST = saved
      await ws.cleanup()
    }
  })
})
