import { existsSync } from 'node:fs'
import { chmod, mkdir, readdir, readFile, rm as rmFile, symlink, writeFile } from 'node:fs/promises'
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

/**
 * Issue 8, item 1: with `extensions.worktreeConfig`, git reads `.git/config.worktree`, which staging
 * used to copy verbatim. These tests mount that attack with real git and prove it contained.
 */
describe('stageRepo against a config.worktree attack', () => {
  async function worktreeConfigRepo(entries: [string, string][], files: Record<string, string> = {}) {
    const { dir, cleanup } = await tempDir()
    cleanups.push(cleanup)
    const repo = join(dir, 'repo')
    await buildScenario(repo, async (s) => {
      await s.commit('Base', { files: { 'a.txt': 'a\n', 'junk.log': 'x\n', ...files } })
      await s.branch('feature')
    })
    const git = new HardenedGit(repo)
    await git.run(['config', 'core.repositoryformatversion', '1'])
    await git.run(['config', 'extensions.worktreeConfig', 'true'])
    for (const [key, value] of entries) await git.run(['config', '--worktree', key, value])
    return { dir, repo }
  }

  /** Everything grading does with a staged copy that writes: checkout, clean, status, reads. */
  async function gradeLikeTheGrader(staged: string) {
    const view = new RepoView(staged, await inspectRepo(staged))
    await view.status()
    await view.checkout('feature')
    await view.fileAt('main', 'a.txt')
    await view.changedFiles('feature', 'main')
    return view
  }

  it('never checks out into, nor cleans, a host folder named by core.worktree', async () => {
    const { dir: host, cleanup } = await tempDir('host-')
    cleanups.push(cleanup)
    await writeFile(join(host, 'precious.txt'), 'keep me\n')
    await mkdir(join(host, 'photos'))
    await writeFile(join(host, 'photos', 'cat.jpg'), 'meow')
    const { dir, repo } = await worktreeConfigRepo([['core.worktree', host]])
    // The attack is real: the learner's own git honours it.
    expect(await new HardenedGit(repo).text(['rev-parse', '--show-toplevel'])).toBe(host)
    const staged = join(dir, 'staged')
    await stageRepo(repo, staged)
    const view = await gradeLikeTheGrader(staged)
    expect(await view.git.text(['rev-parse', '--show-toplevel'])).toBe(staged)
    expect((await readdir(host, { recursive: true })).sort()).toEqual([
      'photos',
      'photos/cat.jpg',
      'precious.txt',
    ])
    expect(await readFile(join(host, 'precious.txt'), 'utf8')).toBe('keep me\n')
    expect(await readFile(join(staged, 'a.txt'), 'utf8')).toBe('a\n')
    expect(existsSync(join(staged, '.git', 'config.worktree'))).toBe(false)
    const config = await readFile(join(staged, '.git', 'config'), 'utf8')
    expect(config).not.toMatch(/worktree/i)
  })

  it('never runs a filter defined in config.worktree for a committed `* filter=x`', async () => {
    const { dir: outside, cleanup } = await tempDir('marker-')
    cleanups.push(cleanup)
    const marker = join(outside, 'ran')
    const command = `sh -c 'echo ran >> ${marker}; cat'`
    const { dir, repo } = await worktreeConfigRepo(
      [
        ['filter.x.smudge', command],
        ['filter.x.clean', command],
        ['filter.x.required', 'true'],
        ['diff.x.textconv', command],
        ['core.attributesFile', join(outside, 'attributes')],
      ],
      { '.gitattributes': '* filter=x diff=x merge=x\n' },
    )
    await writeFile(join(outside, 'attributes'), '* filter=x\n')
    await mkdir(join(repo, '.git', 'info'), { recursive: true })
    await writeFile(join(repo, '.git', 'info', 'attributes'), '* filter=x diff=x\n')
    // The attack is real: the learner's own git runs the filter (a.txt removed first, so git must
    // write it whatever the index's timestamps say).
    await rmFile(join(repo, 'a.txt'))
    await new HardenedGit(repo).run(['checkout', '-q', '--force', 'feature', '--', 'a.txt'])
    expect(existsSync(marker)).toBe(true)
    await rmFile(marker)
    const staged = join(dir, 'staged')
    await stageRepo(repo, staged)
    const view = await gradeLikeTheGrader(staged)
    await view.git.run(['diff', 'main', 'feature'])
    await view.git.run(['log', '-p', 'main'])
    expect(existsSync(marker)).toBe(false)
    for (const gone of ['config.worktree', 'info']) expect(existsSync(join(staged, '.git', gone))).toBe(false)
  })

  it('keeps only the object format of extensions.*, and no pointer out of the copy', async () => {
    const { dir, repo } = await worktreeConfigRepo([])
    const git = new HardenedGit(repo)
    await git.run(['config', 'extensions.partialClone', 'origin'])
    await writeFile(join(repo, '.git', 'commondir'), '/etc\n')
    await mkdir(join(repo, '.git', 'worktrees', 'w'), { recursive: true })
    await writeFile(join(repo, '.git', 'objects', 'info', 'alternates'), '/var/lib/other/objects\n')
    await symlink('/etc', join(repo, '.git', 'refs', 'outside'))
    const staged = join(dir, 'staged')
    await stageRepo(repo, staged)
    const list = await new HardenedGit(staged).text(['config', '--file', '.git/config', '--list'])
    expect(list).not.toMatch(/^extensions\./m)
    for (const gone of ['commondir', 'worktrees', 'objects/info/alternates', 'refs/outside', 'hooks'])
      expect(existsSync(join(staged, '.git', gone))).toBe(false)
    expect((await new RepoView(staged, await inspectRepo(staged)).graph()).branches().length).toBe(2)
  })

  it('takes a .git that is a link to a repository elsewhere for what it is: not gradeable', async () => {
    const { dir, repo } = await worktreeConfigRepo([])
    const linked = join(dir, 'linked')
    await mkdir(linked)
    await symlink(join(repo, '.git'), join(linked, '.git'))
    expect((await inspectRepo(linked)).kind).toBe('linked')
    await expect(stageRepo(linked, join(dir, 'staged'))).rejects.toThrow(/not a folder/)
  })
})
