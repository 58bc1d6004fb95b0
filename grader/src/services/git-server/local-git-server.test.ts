import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildScenario, HardenedGit } from '@backend-labs/git-kit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LocalGitServer } from './local-git-server.ts'

let tmp: string
let server: LocalGitServer
let url: string
let work: HardenedGit

/** Real git on both ends: a protected bare seed served by the local daemon, and a clone that pushes. */
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'local-git-server-test-'))
  const source = join(tmp, 'source')
  await buildScenario(source, async (s) => {
    await s.commit('One', { files: { a: '1\n' } })
    await s.commit('Two', { files: { a: '2\n' } })
  })
  const seed = join(tmp, 'seed.git')
  const git = new HardenedGit(tmp)
  await git.run(['clone', '-q', '--bare', source, seed])
  await git.run(['config', '--file', join(seed, 'config'), 'receive.denyNonFastForwards', 'true'])
  await git.run(['config', '--file', join(seed, 'config'), 'receive.denyDeletes', 'true'])
  server = await LocalGitServer.start()
  url = await server.addRepository(seed, 'upstream')
  await git.run(['clone', '-q', url, join(tmp, 'work')])
  work = new HardenedGit(join(tmp, 'work'), {
    GIT_AUTHOR_NAME: 'T',
    GIT_AUTHOR_EMAIL: 't@x',
    GIT_COMMITTER_NAME: 'T',
    GIT_COMMITTER_EMAIL: 't@x',
  })
})
afterAll(async () => {
  await server?.close()
  await rm(tmp, { recursive: true, force: true })
})

describe('LocalGitServer (real git daemon --inetd on 127.0.0.1)', () => {
  it('serves on 127.0.0.1 only', () => {
    expect(url).toMatch(/^git:\/\/127\.0\.0\.1:\d+\/upstream\.git$/)
  })

  it('accepts a fast-forward push and a new branch', async () => {
    await work.run(['commit', '-q', '--allow-empty', '-m', 'Three'])
    await work.run(['push', '-q', 'origin', 'main', 'main:topic'])
    const remote = await work.text(['ls-remote', '--heads', url])
    expect(remote.split('\n').map((l) => l.split('\t')[1])).toEqual(['refs/heads/main', 'refs/heads/topic'])
  })

  it('refuses a force push of an existing branch, in git’s words', async () => {
    await work.run(['commit', '-q', '--amend', '--allow-empty', '-m', 'Three, amended'])
    const push = await work.run(['push', '--porcelain', '--force', 'origin', 'main'], { allowFailure: true })
    expect(push.code).not.toBe(0)
    expect(push.stdout).toMatch(
      /^!\trefs\/heads\/main:refs\/heads\/main\t\[remote rejected\] \(non-fast-forward\)$/m,
    )
  })

  it('refuses a deletion', async () => {
    const push = await work.run(['push', '--porcelain', 'origin', ':topic'], { allowFailure: true })
    expect(push.code).not.toBe(0)
    expect(push.stdout).toMatch(/^!\t:refs\/heads\/topic\t\[remote rejected\] \(deletion prohibited\)$/m)
  })

  it('leaves no git running once closed, and stops answering', async () => {
    const probe = new HardenedGit(tmp)
    await server.close()
    expect(server.liveConnections).toBe(0)
    const after = await probe.run(['ls-remote', url], { allowFailure: true, timeoutMs: 10_000 })
    expect(after.code).not.toBe(0)
  })
})
