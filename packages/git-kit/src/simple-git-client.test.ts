import { existsSync } from 'node:fs'
import { chmod, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { simpleGit } from 'simple-git'
import { afterEach, describe, expect, it } from 'vitest'
import { HardenedGit } from './hardened-git.ts'
import { buildScenario } from './scenario-builder.ts'
import {
  HARDENING_OPT_INS,
  hardenedSimpleGit,
  hardenedSimpleGitSetup,
  stagedSimpleGit,
} from './simple-git-client.ts'
import { tempDir } from './test-support.ts'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

async function repo() {
  const { dir, cleanup } = await tempDir()
  cleanups.push(cleanup)
  const path = join(dir, 'repo')
  await buildScenario(path, async (s) => {
    await s.commit('One', { files: { 'a.txt': 'a\n' } })
  })
  return { dir, path, head: await new HardenedGit(path).text(['rev-parse', 'HEAD']) }
}

/** What simple-git 4.0.2's guard says when the one opt-in is missing (its real messages). */
const REJECTION_WITHOUT: Record<keyof typeof HARDENING_OPT_INS, string> = {
  allowUnsafeHooksPath: 'Configuring core.hooksPath is not permitted without enabling allowUnsafeHooksPath',
  allowUnsafeFsMonitor: 'Configuring core.fsmonitor is not permitted without enabling allowUnsafeFsMonitor',
  allowUnsafePager: 'Configuring core.pager is not permitted without enabling allowUnsafePager',
  allowUnsafeEditor: 'Configuring core.editor is not permitted without enabling allowUnsafeEditor',
  allowUnsafeAskPass: 'Configuring core.askPass is not permitted without enabling allowUnsafeAskPass',
  allowUnsafeSshCommand:
    'Configuring core.sshCommand is not permitted without enabling allowUnsafeSshCommand',
  allowUnsafeCredentialHelper:
    'Configuring credential.helper is not permitted without enabling allowUnsafeCredentialHelper',
  allowUnsafeProtocolOverride:
    'Configuring protocol.allow is not permitted without enabling allowUnsafeProtocolOverride',
  allowUnsafeConfigPaths:
    'Use of "GIT_CONFIG_GLOBAL" is not permitted without enabling allowUnsafeConfigPaths',
}

describe('hardened simple-git', () => {
  it('runs with exactly its opt-ins', async () => {
    const { path, head } = await repo()
    expect(await stagedSimpleGit(path).revparse(['HEAD'])).toBe(head)
  })

  it.each(Object.keys(REJECTION_WITHOUT) as (keyof typeof HARDENING_OPT_INS)[])(
    'needs %s: without it, simple-git refuses to run git',
    async (optIn) => {
      const { path } = await repo()
      const { options, env } = hardenedSimpleGitSetup(path)
      const unsafe: Record<string, boolean> = { ...HARDENING_OPT_INS }
      delete unsafe[optIn]
      await expect(
        simpleGit({ ...options, unsafe })
          .env(env)
          .revparse(['HEAD']),
      ).rejects.toMatchObject({
        message: REJECTION_WITHOUT[optIn],
      })
    },
  )

  it('names every GIT_* variable of the hardened environment, and only those, for the environment guard', async () => {
    const { path } = await repo()
    const { options, env } = hardenedSimpleGitSetup(path, {
      GIT_DIR: join(path, '.git'),
      GIT_WORK_TREE: path,
    })
    expect(options.allowEnvironment).toEqual([
      'GIT_CONFIG_GLOBAL',
      'GIT_CONFIG_NOSYSTEM',
      'GIT_ATTR_NOSYSTEM',
      'GIT_NO_REPLACE_OBJECTS',
      'GIT_TERMINAL_PROMPT',
      'GIT_PAGER',
      'GIT_EDITOR',
      'GIT_OPTIONAL_LOCKS',
      'GIT_DIR',
      'GIT_WORK_TREE',
    ])
    const allowEnvironment = options.allowEnvironment?.filter((name) => name !== 'GIT_DIR')
    await expect(
      simpleGit({ ...options, allowEnvironment })
        .env(env)
        .revparse(['HEAD']),
    ).rejects.toMatchObject({
      message:
        'Use of "GIT_DIR" is blocked by the environment guard - add it to the allowEnvironment option to permit it',
    })
  })

  it('runs nothing a repository configures (fsmonitor, pager, hooks) for status, log and rev-parse', async () => {
    const { dir, path, head } = await repo()
    const marker = join(dir, 'pwned')
    const script = join(dir, 'evil.sh')
    await writeFile(script, `#!/bin/sh\necho ran >> ${marker}\n`)
    await chmod(script, 0o755)
    const git = new HardenedGit(path)
    for (const key of ['core.fsmonitor', 'core.pager', 'core.hooksPath'])
      await git.run(['config', key, script])
    await writeFile(join(path, 'a.txt'), 'changed\n')
    // Not a staged copy: the -c settings alone must hold against the repository's own config.
    const simple = hardenedSimpleGit(path)
    expect((await simple.status()).files.map((f) => [f.index + f.working_dir, f.path])).toEqual([
      [' M', 'a.txt'],
    ])
    expect((await simple.log()).latest?.hash).toBe(head)
    expect(await simple.revparse(['HEAD'])).toBe(head)
    expect(existsSync(marker)).toBe(false)
  })
})
