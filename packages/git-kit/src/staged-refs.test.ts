import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { BadInputError } from '@backend-labs/lab-kit'
import { afterEach, describe, expect, it } from 'vitest'
import { HardenedGit } from './hardened-git.ts'
import { buildScenario } from './scenario-builder.ts'
import { stageRepo } from './stage-repo.ts'
import { tempDir } from './test-support.ts'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

describe('stageRepo against forged refs', () => {
  const ID = ['-c', 'user.name=Learner', '-c', 'user.email=learner@example.test']
  async function repoWithSecret() {
    const { dir, cleanup } = await tempDir()
    cleanups.push(cleanup)
    const repo = join(dir, 'repo')
    let leaky = ''
    await buildScenario(repo, async (s) => {
      await s.commit('Base', { files: { 'a.txt': 'a\n' } })
      leaky = await s.commit('Add config', { files: { '.env': 'TOKEN=secret\n' } })
    })
    return { dir, repo, leaky, git: new HardenedGit(repo) }
  }

  it('shows the commits stored, not a `git replace` of them: refs/replace is dropped and ignored', async () => {
    const { dir, repo, leaky, git } = await repoWithSecret()
    const parent = (await git.text(['rev-parse', `${leaky}^`])).trim()
    const cleanTree = (await git.text(['rev-parse', `${parent}^{tree}`])).trim()
    const fake = (await git.text([...ID, 'commit-tree', cleanTree, '-p', parent, '-m', 'Add config'])).trim()
    await git.run(['replace', leaky, fake])
    // The attack works on the learner's own repository when replace refs are honoured…
    const honoured = execFileSync('git', ['ls-tree', '--name-only', leaky], {
      cwd: repo,
      env: { PATH: process.env.PATH, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
      encoding: 'utf8',
    })
    expect(honoured).not.toContain('.env')
    const staged = join(dir, 'staged')
    await stageRepo(repo, staged)
    const view = new HardenedGit(staged)
    expect(await view.text(['for-each-ref', '--format=%(refname)', 'refs/replace/'])).toBe('')
    // …but the staged copy shows the stored commit, secret included.
    expect(await view.text(['ls-tree', '--name-only', leaky])).toContain('.env')
  })

  it('refuses a tag that would be read where the lab means the branch of the same name (exit 2)', async () => {
    const { dir, repo, git } = await repoWithSecret()
    const cleanTree = (await git.text(['rev-parse', 'HEAD~1^{tree}'])).trim()
    const fake = (
      await git.text([...ID, 'commit-tree', cleanTree, '-p', 'HEAD~1', '-m', 'Add config'])
    ).trim()
    await git.run(['tag', 'main', fake])
    const error = await stageRepo(repo, join(dir, 'staged')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BadInputError)
    expect((error as BadInputError).exitCode).toBe(2)
    expect((error as BadInputError).message).toBe(
      'Your repository has a tag and a branch both named "main": git would read the tag where the lab means the branch, so it cannot be graded.',
    )
    expect((error as BadInputError).hint).toBe(
      'Rename or delete the tag (`git tag -d main`), then grade again.',
    )
  })

  it('refuses a ref that shadows the branch (refs/main), and keeps other refs as evidence', async () => {
    const { dir, repo, git } = await repoWithSecret()
    await git.run(['update-ref', 'refs/original/refs/heads/main', 'HEAD'])
    const kept = join(dir, 'kept')
    await stageRepo(repo, kept)
    expect(await new HardenedGit(kept).text(['for-each-ref', '--format=%(refname)', 'refs/original/'])).toBe(
      'refs/original/refs/heads/main',
    )
    await git.run(['update-ref', 'refs/main', 'HEAD~1'])
    const error = await stageRepo(repo, join(dir, 'staged')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BadInputError)
    expect((error as BadInputError).message).toContain('refs/main')
    expect((error as BadInputError).hint).toBe(
      'Rename or delete the ref refs/main (`git update-ref -d refs/main`), then grade again.',
    )
  })

  it('refuses a repository that borrows its objects (objects/info/alternates) with a message, not a grader error', async () => {
    const { dir, repo } = await repoWithSecret()
    const shared = join(dir, 'shared')
    await new HardenedGit(dir).run(['clone', '-q', '--shared', repo, shared])
    const error = await stageRepo(shared, join(dir, 'staged')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BadInputError)
    expect((error as BadInputError).message).toMatch(/borrows its objects from another repository/)
  })
})
