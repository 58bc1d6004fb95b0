import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { inspectRepo } from './repo-condition.ts'
import { RepoView } from './repo-view.ts'
import { buildScenario } from './scenario-builder.ts'
import { tempDir } from './test-support.ts'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

describe('RepoView.status', () => {
  it('keeps whole paths when the first entry is an unstaged change (" M README.md")', async () => {
    const { dir, cleanup } = await tempDir()
    cleanups.push(cleanup)
    await buildScenario(dir, async (s) => {
      await s.commit('Base', { files: { 'README.md': 'a\n', 'b.txt': 'b\n' } })
    })
    await writeFile(join(dir, 'README.md'), 'changed\n')
    await writeFile(join(dir, 'b.txt'), 'changed\n')
    await writeFile(join(dir, 'new.txt'), 'new\n')
    const view = new RepoView(dir, await inspectRepo(dir))
    expect(await view.status()).toEqual([
      [' M', 'README.md'],
      [' M', 'b.txt'],
      ['??', 'new.txt'],
    ])
  })

  it('reports a staged rename once, under its new path', async () => {
    const { dir, cleanup } = await tempDir()
    cleanups.push(cleanup)
    await buildScenario(dir, async (s) => {
      await s.commit('Base', { files: { 'a.txt': 'a\n' } })
      await s.run(['mv', 'a.txt', 'b.txt'])
    })
    const view = new RepoView(dir, await inspectRepo(dir))
    expect(await view.status()).toEqual([['R ', 'b.txt']])
  })
})
