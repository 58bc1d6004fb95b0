import { existsSync } from 'node:fs'
import { chmod, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { CatFileBatch } from './cat-file-batch.ts'
import { HardenedGit } from './hardened-git.ts'
import { inspectRepo } from './repo-condition.ts'
import { RepoView } from './repo-view.ts'
import { buildScenario } from './scenario-builder.ts'
import { tempDir } from './test-support.ts'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

async function repo(): Promise<{ dir: string; repo: string }> {
  const { dir, cleanup } = await tempDir()
  cleanups.push(cleanup)
  const path = join(dir, 'repo')
  await buildScenario(path, async (s) => {
    await s.commit('One', {
      files: { 'a.txt': 'a\n', 'src/deep/b.ts': 'export const b = 1\n', 'sp ace é.md': '' },
    })
    await s.checkout('topic', { create: true })
    await s.commit('Two', { files: { 'src/c.ts': 'ü\n'.repeat(5000), 'z/y/x.txt': 'x' } })
  })
  return { dir, repo: path }
}

/** The same view reading through cat-file --batch and through a git process per read. */
async function views(path: string): Promise<[RepoView, RepoView]> {
  const condition = await inspectRepo(path)
  const batched = new RepoView(path, condition)
  process.env.LABS_GIT_BATCH = '0'
  try {
    return [batched, new RepoView(path, condition)]
  } finally {
    delete process.env.LABS_GIT_BATCH
  }
}

describe('CatFileBatch', () => {
  it('answers exactly what a git process per read answers', async () => {
    const { repo: path } = await repo()
    const [batched, perRead] = await views(path)
    for (const rev of ['main', 'topic', 'HEAD~1', 'topic^{tree}', 'nope', 'v9']) {
      expect(await batched.resolve(rev), rev).toEqual(await perRead.resolve(rev))
    }
    for (const rev of ['main', 'topic'])
      expect(await batched.filesAt(rev)).toEqual(await perRead.filesAt(rev))
    expect((await batched.filesAt('topic')).sort()).toEqual(
      ['a.txt', 'sp ace é.md', 'src/c.ts', 'src/deep/b.ts', 'z/y/x.txt'].sort(),
    )
    for (const [rev, file] of [
      ['topic', 'src/c.ts'],
      ['main', 'sp ace é.md'],
      ['main', 'src/c.ts'],
      ['main', 'src'],
      ['nope', 'a.txt'],
    ] as const) {
      expect(await batched.fileAt(rev, file), `${rev}:${file}`).toEqual(await perRead.fileAt(rev, file))
    }
    batched.close()
  })

  it('keeps answers in order under many reads at once, and starts again after close()', async () => {
    const { repo: path } = await repo()
    const batch = new CatFileBatch(path)
    const kinds = ['topic:src/c.ts', 'main:a.txt', 'main:missing.txt']
    const names = Array.from({ length: 60 }, (_, i) => kinds[i % 3]!)
    const got = await Promise.all(names.map((n) => batch.read(n)))
    const expected = { 'topic:src/c.ts': 'ü\n', 'main:a.txt': 'a\n' } as Record<string, string>
    expect(got.map((o) => o?.content.toString().slice(0, 2))).toEqual(names.map((n) => expected[n]))
    batch.close()
    expect((await batch.read('main:a.txt'))?.content.toString()).toBe('a\n')
    expect(await batch.read('main:a.txt\nmain:a.txt')).toBeUndefined()
    batch.close()
  })

  it('runs nothing a repository configures (fsmonitor, hooks) while it reads', async () => {
    const { dir, repo: path } = await repo()
    const marker = join(dir, 'pwned')
    const script = join(dir, 'evil.sh')
    await writeFile(script, `#!/bin/sh\necho ran >> ${marker}\n`)
    await chmod(script, 0o755)
    const git = new HardenedGit(path)
    for (const key of ['core.fsmonitor', 'core.pager', 'core.hooksPath'])
      await git.run(['config', key, script])
    const batch = new CatFileBatch(path)
    expect((await batch.read('main:a.txt'))?.type).toBe('blob')
    batch.close()
    expect(existsSync(marker)).toBe(false)
  })
})
