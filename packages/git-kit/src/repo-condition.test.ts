import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { HardenedGit } from './hardened-git.ts'
import { conditionProblem, inspectRepo } from './repo-condition.ts'
import { buildScenario, type ScenarioBuilder } from './scenario-builder.ts'
import { tempDir } from './test-support.ts'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

async function scenario(build: (s: ScenarioBuilder) => Promise<void> = async () => {}) {
  const { dir, cleanup } = await tempDir()
  cleanups.push(cleanup)
  const repo = join(dir, 'repo')
  await buildScenario(repo, build)
  return repo
}

async function conflicted(s: ScenarioBuilder) {
  await s.commit('Base', { files: { 'a.txt': 'base\n' } })
  await s.checkout('feature', { create: true })
  await s.commit('Feature', { files: { 'a.txt': 'feature\n' } })
  await s.checkout('main')
  await s.commit('Main', { files: { 'a.txt': 'main\n' } })
}

describe('inspectRepo', () => {
  it('reports a missing folder and a folder without .git', async () => {
    const { dir, cleanup } = await tempDir()
    cleanups.push(cleanup)
    expect((await inspectRepo(join(dir, 'nope'))).kind).toBe('missing')
    expect((await inspectRepo(dir)).kind).toBe('not-a-repo')
    expect(conditionProblem(await inspectRepo(dir))?.message).toMatch(/is not a git repository/)
  })

  it('reports an empty repository', async () => {
    const repo = await scenario()
    const c = await inspectRepo(repo)
    expect(c.kind).toBe('empty')
    expect(conditionProblem(c)?.hint).toMatch(/make at least one commit/)
  })

  it('reports a merge in progress with how to finish it', async () => {
    const repo = await scenario(async (s) => {
      await conflicted(s)
      await s.run(['merge', 'feature'], { allowFailure: true })
    })
    const c = await inspectRepo(repo)
    expect(c.inProgress).toBe('merge')
    expect(conditionProblem(c)?.hint).toMatch(/git merge --abort/)
  })

  it('reports a rebase in progress', async () => {
    const repo = await scenario(async (s) => {
      await conflicted(s)
      await s.checkout('feature')
      await s.run(['rebase', 'main'], { allowFailure: true })
    })
    expect((await inspectRepo(repo)).inProgress).toBe('rebase')
  })

  it('reports a running bisect, a detached HEAD and a shallow clone', async () => {
    const repo = await scenario(async (s) => {
      await s.commit('One', { files: { a: '1' } })
      await s.commit('Two', { files: { a: '2' } })
    })
    const git = new HardenedGit(repo)
    await git.run(['bisect', 'start'])
    expect(conditionProblem(await inspectRepo(repo))?.hint).toMatch(/git bisect reset/)
    await git.run(['bisect', 'reset'])
    await git.run(['checkout', '-q', '--detach', 'HEAD~1'])
    const detached = await inspectRepo(repo)
    expect(detached.detached).toBe(true)
    expect(conditionProblem(detached)).toBeUndefined()
    await writeFile(join(repo, '.git', 'shallow'), `${await git.text(['rev-parse', 'HEAD'])}\n`)
    expect(conditionProblem(await inspectRepo(repo))?.message).toMatch(/shallow/)
  })
})

describe('conditionProblem messages name what is wrong and what to do', () => {
  it('a missing --submission path says the path does not exist, not `labs start`', async () => {
    const c = await inspectRepo('/nonexistent/my-work')
    const problem = conditionProblem({ ...c, dir: 'my-work' }, { kind: 'submission', labId: 'git/x' })
    expect(problem).toEqual({
      message: '--submission names my-work, which does not exist',
      hint: "check the path: pass the folder that holds the lab's git repository (the one with the .git folder) or a bundle made by `labs submit`",
    })
  })

  it('a missing workspace names the lab to start', async () => {
    const c = await inspectRepo('/nonexistent/workspace')
    const problem = conditionProblem(
      { ...c, dir: 'labs/git/x/workspace' },
      { kind: 'workspace', labId: 'git/x' },
    )
    expect(problem).toEqual({
      message: 'there is no workspace at labs/git/x/workspace',
      hint: 'run `labs start git/x` first',
    })
  })

  it('a --submission folder without .git does not suggest `labs reset`', async () => {
    const { dir, cleanup } = await tempDir()
    cleanups.push(cleanup)
    const problem = conditionProblem(await inspectRepo(dir), { kind: 'submission' })
    expect(problem?.hint).not.toMatch(/labs reset/)
    expect(problem?.hint).toMatch(/the one with the .git folder/)
  })
})
