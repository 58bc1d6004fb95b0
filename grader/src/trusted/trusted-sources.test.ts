import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { EnvironmentError } from '@backend-labs/lab-kit'
import { describe, expect, it } from 'vitest'
import { resolveTrustedSources } from './trusted-sources.ts'

async function course(): Promise<{ root: string; git: (...args: string[]) => string }> {
  const root = await mkdtemp(join(tmpdir(), 'labs-course-'))
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=I', '-c', 'user.email=i@e', ...args], {
      cwd: root,
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' },
      encoding: 'utf8',
    }).trim()
  for (const [file, text] of <[string, string][]>[
    ['labs/git/demo/checks.ts', 'export default []\n'],
    ['grader/src/main.ts', '// grader\n'],
    ['pnpm-lock.yaml', 'lockfileVersion: 9\n'],
    ['README.md', '# course\n'],
  ]) {
    await mkdir(join(root, file, '..'), { recursive: true })
    await writeFile(join(root, file), text)
  }
  git('init', '-q', '-b', 'main')
  git('add', '.')
  git('commit', '-qm', 'course')
  return { root, git }
}

describe('resolveTrustedSources', () => {
  it('resolves the ref when grader, labs and lockfile are exactly its content; learner areas and docs may differ', async () => {
    const { root, git } = await course()
    await mkdir(join(root, 'labs/git/demo/workspace'), { recursive: true })
    await writeFile(join(root, 'labs/git/demo/workspace/a.txt'), 'learner work\n')
    await writeFile(join(root, 'labs/git/demo/submission.bundle'), 'bundle')
    await writeFile(join(root, 'README.md'), '# edited\n')
    const sources = await resolveTrustedSources({ root, ref: 'main' })
    expect(sources.commit).toBe(git('rev-parse', 'HEAD'))
  })

  it('refuses a tree whose checks, grader or lockfile differ from the ref, naming them (exit 3)', async () => {
    const { root } = await course()
    await writeFile(join(root, 'labs/git/demo/checks.ts'), 'export default [] // always pass\n')
    await writeFile(join(root, 'grader/src/extra.ts'), '// new\n')
    const error = await resolveTrustedSources({ root, ref: 'main' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(EnvironmentError)
    expect((error as Error).message).toMatch(
      /^the grader is not running from the trusted ref main \([0-9a-f]{12}\): 2 files differ: grader\/src\/extra\.ts, labs\/git\/demo\/checks\.ts$/,
    )
  })

  it('refuses an unknown ref', async () => {
    const { root } = await course()
    await expect(resolveTrustedSources({ root, ref: 'no-such-ref' })).rejects.toThrow(
      /^the trusted ref "no-such-ref" is not a commit of the course repository/,
    )
  })
})
