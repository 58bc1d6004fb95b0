import { existsSync } from 'node:fs'
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { HardenedGit } from './hardened-git.ts'
import { inspectRepo } from './repo-condition.ts'
import { RepoView } from './repo-view.ts'
import { buildScenario } from './scenario-builder.ts'
import { stageBundle, stageRepo } from './stage-repo.ts'
import { tempDir } from './test-support.ts'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

/** A learner repo whose own config tries to run commands: hooks, fsmonitor, a filter, a pager, an alias. */
async function hostileRepo() {
  const { dir, cleanup } = await tempDir()
  cleanups.push(cleanup)
  const repo = join(dir, 'repo')
  const marker = join(dir, 'pwned')
  await buildScenario(repo, async (s) => {
    await s.commit('Base', { files: { 'a.txt': 'a\n', '.gitattributes': '*.txt filter=evil diff=evil\n' } })
    await s.branch('feature')
  })
  const script = join(dir, 'evil.sh')
  await writeFile(script, `#!/bin/sh\necho ran >> ${marker}\ncat\n`)
  await chmod(script, 0o755)
  const cfg = [
    'core.fsmonitor',
    'filter.evil.clean',
    'filter.evil.smudge',
    'diff.evil.textconv',
    'core.pager',
  ]
  const git = new HardenedGit(repo)
  for (const key of cfg) await git.run(['config', key, script])
  await mkdir(join(repo, '.git', 'hooks'), { recursive: true })
  for (const hook of ['post-checkout', 'pre-commit', 'reference-transaction']) {
    await writeFile(join(repo, '.git', 'hooks', hook), `#!/bin/sh\necho ${hook} >> ${marker}\n`)
    await chmod(join(repo, '.git', 'hooks', hook), 0o755)
  }
  return { dir, repo, marker }
}

describe('stageRepo', () => {
  it('copies the repository and strips everything that could run a command', async () => {
    const { dir, repo, marker } = await hostileRepo()
    const staged = join(dir, 'staged')
    await stageRepo(repo, staged)
    const view = new RepoView(staged, await inspectRepo(staged))
    await view.status()
    await view.changedFiles('feature', 'main')
    await view.checkout('feature')
    await view.fileAt('main', 'a.txt')
    expect(existsSync(marker)).toBe(false)
    const config = await readFile(join(staged, '.git', 'config'), 'utf8')
    expect(config).not.toMatch(/evil|fsmonitor|pager/)
    expect(existsSync(join(staged, '.git', 'hooks'))).toBe(false)
    // The original keeps its config and hooks: staging never changes the learner's repository.
    expect(await readFile(join(repo, '.git', 'config'), 'utf8')).toMatch(/fsmonitor/)
  })

  it('round-trips a bundle with branches, tags and HEAD', async () => {
    const { dir, cleanup } = await tempDir()
    cleanups.push(cleanup)
    const repo = join(dir, 'repo')
    await buildScenario(repo, async (s) => {
      await s.commit('One', { files: { a: '1' } })
      await s.checkout('topic', { create: true })
      await s.commit('Two', { files: { a: '2' } })
      await s.tag('v1', { message: 'annotated' })
    })
    const bundle = join(dir, 'x.bundle')
    await new HardenedGit(repo).run(['bundle', 'create', '-q', bundle, '--all'])
    const staged = join(dir, 'staged')
    await stageBundle(bundle, staged)
    const graph = await new RepoView(staged, await inspectRepo(staged)).graph()
    expect(graph.branches().map((b) => b.short)).toEqual(['main', 'topic'])
    expect(graph.tag('v1')?.annotated).toBe(true)
    expect((await inspectRepo(staged)).headBranch).toBe('topic')
    expect(await readFile(join(staged, 'a'), 'utf8')).toBe('2')
  })
})

describe('stageRepo config', () => {
  it('keeps remotes and branch tracking, quoted exactly, and nothing else', async () => {
    const { dir, cleanup } = await tempDir()
    cleanups.push(cleanup)
    const repo = join(dir, 'repo')
    await buildScenario(repo, async (s) => {
      await s.commit('Base', { files: { a: '1' } })
    })
    const git = new HardenedGit(repo)
    await git.run(['remote', 'add', 'origin', '.git/labs "upstream"\\x.git'])
    await git.run(['config', 'branch.main.remote', 'origin'])
    await git.run(['config', 'branch.main.merge', 'refs/heads/main'])
    await git.run(['config', 'alias.st', '!touch /tmp/never'])
    const staged = join(dir, 'staged')
    await stageRepo(repo, staged)
    const list = await new HardenedGit(staged).text(['config', '--local', '--list'])
    expect(list.split('\n').sort()).toEqual(
      [
        'branch.main.merge=refs/heads/main',
        'branch.main.remote=origin',
        'core.bare=false',
        'core.filemode=true',
        'core.logallrefupdates=true',
        'core.repositoryformatversion=0',
        'remote.origin.fetch=+refs/heads/*:refs/remotes/origin/*',
        'remote.origin.url=.git/labs "upstream"\\x.git',
      ].sort(),
    )
  })
})
