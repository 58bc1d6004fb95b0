import { existsSync } from 'node:fs'
import { chmod, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { HardenedGit } from './hardened-git.ts'
import { buildScenario, PEOPLE } from './scenario-builder.ts'
import { tempDir } from './test-support.ts'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

async function build(): Promise<string> {
  const { dir, cleanup } = await tempDir()
  cleanups.push(cleanup)
  await buildScenario(dir, async (s) => {
    await s.commit('Add readme', { files: { 'README.md': '# demo\n' } })
    await s.checkout('feature', { create: true })
    await s.as(PEOPLE.grace).commit('Add feature', { files: { 'f.txt': 'feature\n' } })
    await s.checkout('main')
    await s.merge('feature', 'Merge feature', { noFf: true })
    await s.tag('v1.0.0', { message: 'Release 1.0.0' })
  })
  return dir
}

describe('ScenarioBuilder', () => {
  it('builds the same hashes every time, whatever the clock or user config says', async () => {
    const a = await build()
    const b = await build()
    const headA = await new HardenedGit(a).text(['rev-parse', 'HEAD', 'v1.0.0'])
    const headB = await new HardenedGit(b).text(['rev-parse', 'HEAD', 'v1.0.0'])
    expect(headA).toBe(headB)
    expect(headA).toMatch(/^[0-9a-f]{40}\n[0-9a-f]{40}$/)
  })

  it('records fixed people and UTC dates one minute apart', async () => {
    const dir = await build()
    const log = await new HardenedGit(dir).text(['log', '--format=%an|%cI', '--reverse', 'main'])
    expect(log.split('\n')).toEqual([
      'Ada Lovelace|2024-03-04T09:01:00+00:00',
      'Grace Hopper|2024-03-04T09:02:00+00:00',
      'Grace Hopper|2024-03-04T09:03:00+00:00',
    ])
  })

  it("ignores the user's own git config and hooks", async () => {
    const { dir, cleanup } = await tempDir()
    cleanups.push(cleanup)
    const marker = join(dir, 'hook-ran')
    await mkdir(join(dir, 'hooks'))
    await writeFile(join(dir, 'hooks', 'pre-commit'), `#!/bin/sh\ntouch ${marker}\n`)
    await chmod(join(dir, 'hooks', 'pre-commit'), 0o755)
    const userConfig = join(dir, 'gitconfig')
    await writeFile(
      userConfig,
      `[user]\n\tname = Mallory\n[core]\n\thooksPath = ${join(dir, 'hooks')}\n[commit]\n\tgpgsign = true\n`,
    )
    const saved = { global: process.env.GIT_CONFIG_GLOBAL, home: process.env.HOME }
    process.env.GIT_CONFIG_GLOBAL = userConfig
    process.env.HOME = dir
    try {
      const repo = join(dir, 'repo')
      await buildScenario(repo, async (s) => {
        await s.commit('One', { files: { a: 'x' } })
      })
      expect(await new HardenedGit(repo).text(['log', '-1', '--format=%an <%ae>'])).toBe(
        'Ada Lovelace <ada@example.com>',
      )
      expect(existsSync(marker)).toBe(false)
    } finally {
      process.env.GIT_CONFIG_GLOBAL = saved.global
      process.env.HOME = saved.home
      if (saved.global === undefined) delete process.env.GIT_CONFIG_GLOBAL
    }
  })

  it('head() names the commit rev-parse names: on a branch, detached, and with the refs packed', async () => {
    const { dir, cleanup } = await tempDir()
    cleanups.push(cleanup)
    const git = new HardenedGit(dir)
    const seen: [string, string][] = []
    await buildScenario(dir, async (s) => {
      const first = await s.commit('One', { files: { a: 'x' } })
      seen.push([first, await git.text(['rev-parse', 'HEAD'])])
      await s.checkout('topic/deep', { create: true })
      seen.push([await s.commit('Two', { files: { b: 'y' } }), await git.text(['rev-parse', 'HEAD'])])
      await s.checkout(first)
      seen.push([await s.head(), first])
      await s.checkout('topic/deep')
      await s.run(['pack-refs', '--all', '--prune'])
      expect(existsSync(join(dir, '.git/refs/heads/topic/deep'))).toBe(false)
      seen.push([await s.head(), await git.text(['rev-parse', 'HEAD'])])
    })
    for (const [fromBuilder, fromGit] of seen) expect(fromBuilder).toBe(fromGit)
    expect(new Set(seen.map(([h]) => h)).size).toBe(2)
  })
})
