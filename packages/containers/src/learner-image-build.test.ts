import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CheckFailure } from '@backend-labs/lab-kit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ContainerFailure } from './container-failure.ts'
import { LABEL } from './labels.ts'
import { buildLearnerImage } from './learner-image-build.ts'
import { resolveProxyCa } from './proxy-ca.ts'
import {
  dockerAvailable,
  dockerSuite,
  ensureTestBaseImage,
  removeByLabel,
  TEST_BASE_IMAGE,
  testDocker,
} from './test-support/docker-test-env.ts'

const LAB_ID = `test/build-${process.pid}`
const dirs: string[] = []

function context(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'labs-build-'))
  dirs.push(dir)
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true })
    writeFileSync(join(dir, name), content)
  }
  return dir
}

async function failureOf(promise: Promise<unknown>): Promise<CheckFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!(error instanceof CheckFailure)) throw new Error(`expected a CheckFailure, got ${String(error)}`)
  return error
}

describe.skipIf(!dockerAvailable)(dockerSuite('buildLearnerImage against the real engine'), () => {
  const docker = dockerAvailable ? testDocker() : (undefined as never)
  beforeAll(() => ensureTestBaseImage(docker), 60_000)
  afterAll(async () => {
    await removeByLabel(docker, `${LABEL.lab}=${LAB_ID}`)
    // a failed classic build leaves its last good step as an untagged layer on our test base
    const base = await docker.getImage(TEST_BASE_IMAGE).inspect()
    const dangling = await docker.listImages({ filters: JSON.stringify({ dangling: ['true'] }) })
    for (const image of dangling.filter((i) => i.ParentId === base.Id))
      await docker
        .getImage(image.Id)
        .remove()
        .catch(() => {})
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  }, 60_000)

  it('builds offline even when .dockerignore lists the Dockerfile, and reuses the cached image', async () => {
    const dir = context({
      Dockerfile: `FROM ${TEST_BASE_IMAGE}\nCOPY app.txt /app/app.txt\nCMD ["cat", "/app/app.txt"]\n`,
      '.dockerignore': 'Dockerfile\nsecret.txt\n',
      'app.txt': 'hello',
      'secret.txt': 'do not ship',
    })
    const first = await buildLearnerImage(docker, { contextDir: dir, labId: LAB_ID, proxyCa: null })
    expect(first.cached).toBe(false)
    expect(first.ref).toMatch(new RegExp(`^backend-labs/learner/${LAB_ID}:[0-9a-f]{16}$`))
    const info = await docker.getImage(first.ref).inspect()
    expect(info.Config.Labels?.[LABEL.learnerImage]).toBe('true')

    const again = await buildLearnerImage(docker, { contextDir: dir, labId: LAB_ID, proxyCa: null })
    expect(again).toMatchObject({ cached: true, ref: first.ref, id: first.id })
  }, 60_000)

  it('names the failing instruction and its line, with the last lines of output apart', async () => {
    const dir = context({
      Dockerfile: `FROM ${TEST_BASE_IMAGE}\n# a comment\nRUN echo step-one\nRUN echo about to fail && \\\n    false\nCMD ["true"]\n`,
    })
    const failure = await failureOf(
      buildLearnerImage(docker, { contextDir: dir, labId: LAB_ID, proxyCa: null }),
    )
    expect(failure).toBeInstanceOf(ContainerFailure)
    const f = failure as ContainerFailure
    expect(f.kind).toBe('build-failed')
    expect(f.details.where).toBe('Dockerfile:4')
    expect(f.message).toMatch(
      /^Dockerfile:4: expected every Dockerfile instruction to succeed, but found `RUN echo about to fail && false` failed: The command .* returned a non-zero code: 1$/,
    )
    expect(f.logs).toContain('about to fail')
    expect(f.logs.length).toBeLessThanOrEqual(30)
    expect(f.message).not.toContain('about to fail\n')
  }, 60_000)

  it('reports an unknown instruction at its line', async () => {
    const dir = context({ Dockerfile: `FROM ${TEST_BASE_IMAGE}\nRUNN echo typo\n` })
    const failure = await failureOf(
      buildLearnerImage(docker, { contextDir: dir, labId: LAB_ID, proxyCa: null }),
    )
    expect(failure.details.where).toBe('Dockerfile:2')
    expect(failure.details.found).toMatch(/unknown instruction: RUNN/i)
  }, 30_000)

  it('refuses a context over the limit and names the largest entries', async () => {
    const dir = context({
      Dockerfile: `FROM ${TEST_BASE_IMAGE}\n`,
      'node_modules/big.bin': Buffer.alloc(2 * 1024 * 1024),
      'src/index.js': 'console.log(1)',
    })
    const failure = await failureOf(
      buildLearnerImage(docker, {
        contextDir: dir,
        labId: LAB_ID,
        contextLimitBytes: 1024 * 1024,
        proxyCa: null,
      }),
    )
    expect(failure.details.expected).toBe('a Docker build context under 1.0 MB')
    expect(failure.details.found).toMatch(/^2\.0 MB; the largest entries are node_modules\/ \(2\.0 MB\), /)
    expect(failure.details.hint).toContain('.dockerignore (for example `node_modules/`)')
  }, 30_000)

  it('passes the proxy CA to RUN steps', async () => {
    const ca = context({ 'ca.pem': '-----BEGIN CERTIFICATE-----\nTEST\n-----END CERTIFICATE-----\n' })
    const proxyCa = resolveProxyCa({ LABS_PROXY_CA: join(ca, 'ca.pem') })
    const dir = context({
      Dockerfile: `FROM ${TEST_BASE_IMAGE}\nRUN grep -q TEST "$NODE_EXTRA_CA_CERTS" && test "$SSL_CERT_FILE" = "$NODE_EXTRA_CA_CERTS"\n`,
    })
    const image = await buildLearnerImage(docker, { contextDir: dir, labId: LAB_ID, proxyCa })
    expect(image.cached).toBe(false)
  }, 60_000)

  it('rejects a FROM image that is not available offline, without pulling', async () => {
    const dir = context({ Dockerfile: 'FROM some-registry.example/nothing-here:1\nRUN true\n' })
    const failure = await failureOf(
      buildLearnerImage(docker, { contextDir: dir, labId: LAB_ID, proxyCa: null }),
    )
    expect(failure.details).toMatchObject({
      found: 'FROM some-registry.example/nothing-here:1',
      where: 'Dockerfile:1',
    })
  }, 30_000)
})
