import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IMAGE_CATALOG } from '../image-catalog.ts'
import {
  describeWithStandIn,
  docker,
  publishedPort,
  removeLabelled,
  TEST_LABEL,
} from './docker-test-support.ts'
import { runProcess } from './run-process.ts'
import { seedImages } from './seed-images.ts'

const REF = IMAGE_CATALOG.gitServer.ref
const NAME = `labs-seed-git-${process.pid}`
/** The host git, isolated from the user's config, with a fixed identity. */
const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Lab',
  GIT_AUTHOR_EMAIL: 'lab@example.test',
  GIT_COMMITTER_NAME: 'Lab',
  GIT_COMMITTER_EMAIL: 'lab@example.test',
}
const git = (cwd: string, ...args: string[]) =>
  runProcess('git', args, { cwd, env: GIT_ENV, timeoutMs: 30_000 })

describeWithStandIn(`${REF} stand-in (real Docker)`, REF, () => {
  let work = ''
  let url = ''

  beforeAll(async () => {
    const [result] = await seedImages({ only: ['gitServer'] })
    expect(result?.outcome, result?.detail).toMatch(/^(seeded|present)$/)
    work = await mkdtemp(join(tmpdir(), 'labs-seed-git-test-'))
  }, 600_000)

  afterAll(async () => {
    await removeLabelled('seed-git')
    if (work) await rm(work, { recursive: true, force: true })
  }, 120_000)

  it('carries exactly the pinned git package', async () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query format
    const format = '${Version}'
    const out = await docker([
      'run',
      '--rm',
      '--label',
      `${TEST_LABEL}=seed-git`,
      '--network',
      'none',
      '--entrypoint',
      'dpkg-query',
      REF,
      '-W',
      `-f=${format}`,
      'git',
    ])
    expect(out).toBe(IMAGE_CATALOG.gitServer.pins.debian.git)
  }, 60_000)

  describe('a running server', () => {
    beforeAll(async () => {
      await docker([
        'run',
        '-d',
        '--name',
        NAME,
        '--label',
        `${TEST_LABEL}=seed-git`,
        '-e',
        'GIT_REPOS=app',
        '-p',
        '127.0.0.1::9418',
        REF,
      ])
      url = `git://127.0.0.1:${await publishedPort(NAME, 9418)}`
    }, 60_000)

    it('accepts a push to a repo made from GIT_REPOS, and serves it to a clone', async () => {
      await git(work, 'init', '-q', '-b', 'main', 'local')
      const local = join(work, 'local')
      await git(local, 'commit', '-q', '--allow-empty', '-m', 'first commit')
      const pushed = (await git(local, 'rev-parse', 'HEAD')).trim()
      await retryUntilListening(() => git(local, 'push', '-q', `${url}/app.git`, 'main'))
      await git(work, 'clone', '-q', `${url}/app.git`, 'clone')
      expect((await git(join(work, 'clone'), 'log', '--format=%H %s')).trim()).toBe(`${pushed} first commit`)
    }, 60_000)

    it('serves a bare repo copied in with docker cp', async () => {
      await git(work, 'init', '-q', '--bare', '-b', 'main', 'seeded.git')
      await git(work, 'init', '-q', '-b', 'main', 'seed-src')
      await git(join(work, 'seed-src'), 'commit', '-q', '--allow-empty', '-m', 'starter')
      await git(join(work, 'seed-src'), 'push', '-q', join(work, 'seeded.git'), 'main')
      await docker(['cp', join(work, 'seeded.git'), `${NAME}:/srv/git/`])
      const heads = await retryUntilListening(() =>
        git(work, 'ls-remote', `${url}/seeded.git`, 'refs/heads/main'),
      )
      expect(heads).toMatch(/^[0-9a-f]{40}\trefs\/heads\/main\n$/)
    }, 60_000)

    it('stops promptly on docker stop (SIGTERM is forwarded to git daemon)', async () => {
      const started = Date.now()
      await docker(['stop', '--time', '10', NAME])
      expect(Date.now() - started).toBeLessThan(5000)
    }, 30_000)
  })
})

/** git daemon needs a moment after the container starts before it accepts connections. */
async function retryUntilListening(action: () => Promise<string>, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      return await action()
    } catch (error) {
      if (Date.now() > deadline || !/Connection refused|reset by peer|unable to connect/i.test(String(error)))
        throw error
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
}
