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

const LAB_ID = `test/build-limits-${process.pid}`
const dirs: string[] = []

function context(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'labs-limits-'))
  dirs.push(dir)
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true })
    writeFileSync(join(dir, name), content)
  }
  return dir
}

async function failureOf(promise: Promise<unknown>): Promise<ContainerFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!(error instanceof ContainerFailure))
    throw new Error(`expected a ContainerFailure, got ${String(error)}`)
  return error
}

describe.skipIf(!dockerAvailable)(dockerSuite('image builds are held to limits'), () => {
  const docker = dockerAvailable ? testDocker() : (undefined as never)
  beforeAll(() => ensureTestBaseImage(docker), 60_000)
  afterAll(async () => {
    await removeByLabel(docker, `${LABEL.lab}=${LAB_ID}`)
    const base = await docker.getImage(TEST_BASE_IMAGE).inspect()
    const dangling = await docker.listImages({ filters: JSON.stringify({ dangling: ['true'] }) })
    for (const image of dangling.filter((i) => i.ParentId === base.Id))
      await docker
        .getImage(image.Id)
        .remove()
        .catch(() => {})
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  }, 60_000)

  it('stops a process bomb in RUN at the pids limit, and says so', async () => {
    // bounded: 300 sleepers, far over the limit of 64, each gone within 60 s whatever happens
    const dir = context({
      Dockerfile: `FROM ${TEST_BASE_IMAGE}\nRUN i=0; while [ $i -lt 300 ]; do sleep 60 & i=$((i+1)); done; wait\n`,
    })
    const failure = await failureOf(
      buildLearnerImage(docker, { contextDir: dir, labId: LAB_ID, proxyCa: null, limits: { pidsLimit: 64 } }),
    )
    expect(failure.kind).toBe('too-many-processes')
    expect(failure.details.where).toBe('Dockerfile:2')
    expect(failure.details.expected).toBe('each build step to use at most 64 processes and threads')
    expect(failure.logs.join('\n')).toMatch(/can't fork/)
  }, 120_000)

  it('says a step killed for memory ran out of memory, with the limit', async () => {
    const dir = context({
      Dockerfile: `FROM ${TEST_BASE_IMAGE}\nRUN dd if=/dev/zero of=/dev/null bs=200M count=1\n`,
    })
    const failure = await failureOf(
      buildLearnerImage(docker, {
        contextDir: dir,
        labId: LAB_ID,
        proxyCa: null,
        limits: { memoryBytes: 64 * 1024 * 1024 },
      }),
    )
    expect(failure.kind).toBe('out-of-memory')
    expect(failure.message).toBe(
      "Dockerfile:2: expected each build step to stay within the build's memory limit of 64.0 MB, but found `RUN dd if=/dev/zero of=/dev/null bs=200M count=1` ran out of memory and was killed (exit code 137)",
    )
  }, 120_000)

  it('stops reading a flood of build output at the limit, and stops the build', async () => {
    const dir = context({ Dockerfile: `FROM ${TEST_BASE_IMAGE}\nRUN yes build-noise\n` })
    const started = Date.now()
    const failure = await failureOf(
      buildLearnerImage(docker, {
        contextDir: dir,
        labId: LAB_ID,
        proxyCa: null,
        outputLimitBytes: 1024 * 1024,
        timeoutMs: 90_000,
      }),
    )
    expect(failure.kind).toBe('log-flood')
    expect(failure.details.where).toBe('Dockerfile:2')
    // the endless step did not run to the build's time limit
    expect(Date.now() - started).toBeLessThan(90_000)
    // the daemon removes the step's container once the build is cancelled (bounded wait, no timing claim)
    let noisy = 1
    for (let i = 0; i < 60 && noisy > 0; i++) {
      const running = await docker.listContainers({
        filters: JSON.stringify({ ancestor: [TEST_BASE_IMAGE] }),
      })
      noisy = running.filter((c) => c.Command.includes('yes build-noise')).length
      if (noisy > 0) await new Promise((resolve) => setTimeout(resolve, 500))
    }
    expect(noisy).toBe(0)
  }, 120_000)

  it('times out with the stuck step named', async () => {
    const dir = context({ Dockerfile: `FROM ${TEST_BASE_IMAGE}\nWORKDIR /app\nRUN sleep 1000\n` })
    const failure = await failureOf(
      buildLearnerImage(docker, { contextDir: dir, labId: LAB_ID, proxyCa: null, timeoutMs: 25_000 }),
    )
    expect(failure.kind).toBe('build-timeout')
    expect(failure.details.found).toBe('the build was still at `RUN sleep 1000` when it was stopped')
    expect(failure.details.where).toBe('Dockerfile:3')
  }, 60_000)

  it('two parallel builds of one context leave one image and nothing dangling', async () => {
    const dir = context({ Dockerfile: `FROM ${TEST_BASE_IMAGE}\nRUN echo parallel-${Date.now()} > /p\n` })
    const build = () => buildLearnerImage(docker, { contextDir: dir, labId: LAB_ID, proxyCa: null })
    const [a, b] = await Promise.all([build(), build()])
    expect(a.id).toBe(b.id)
    expect([a.cached, b.cached].sort()).toEqual([false, true])
    const dangling = await docker.listImages({
      filters: JSON.stringify({ dangling: ['true'], label: [`${LABEL.lab}=${LAB_ID}`] }),
    })
    expect(dangling).toEqual([])
  }, 120_000)

  it('builds a RUN --mount=type=cache step, keeping the cache out of the image', async () => {
    const dir = context({
      Dockerfile: `FROM ${TEST_BASE_IMAGE}\nRUN --mount=type=cache,target=/root/.cache \\\n    echo cached > /root/.cache/x && echo built > /built\nRUN test -f /built && test ! -e /root/.cache/x\nCMD ["cat", "/built"]\n`,
    })
    const image = await buildLearnerImage(docker, { contextDir: dir, labId: LAB_ID, proxyCa: null })
    expect(image.cached).toBe(false)
  }, 60_000)

  it('refuses other BuildKit-only syntax at its line, naming cause and fix', async () => {
    const dir = context({
      Dockerfile: `FROM ${TEST_BASE_IMAGE}\n\nRUN --mount=type=secret,id=token cat /run/secrets/token\n`,
    })
    const error = await buildLearnerImage(docker, { contextDir: dir, labId: LAB_ID, proxyCa: null }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(CheckFailure)
    expect((error as CheckFailure).details.where).toBe('Dockerfile:3')
    expect((error as CheckFailure).details.found).toMatch(
      /^`RUN --mount=type=secret`, which needs BuildKit: the grader builds with Docker's classic builder/,
    )
  })

  it("numbers only the learner's steps and hides the grader's proxy-CA steps", async () => {
    const ca = context({ 'ca.pem': '-----BEGIN CERTIFICATE-----\nTEST\n-----END CERTIFICATE-----\n' })
    const proxyCa = resolveProxyCa({ LABS_PROXY_CA: join(ca, 'ca.pem') })
    const dir = context({ Dockerfile: `FROM ${TEST_BASE_IMAGE}\nRUN echo one\nRUN echo failing && false\n` })
    const failure = await failureOf(buildLearnerImage(docker, { contextDir: dir, labId: LAB_ID, proxyCa }))
    const steps = failure.logs.filter((l) => l.startsWith('Step '))
    expect(steps).toEqual([
      'Step 1/3 : FROM backend-labs-test/busybox:1',
      'Step 2/3 : RUN echo one',
      'Step 3/3 : RUN echo failing && false',
    ])
    expect(failure.logs.join('\n')).not.toMatch(/backend-labs-proxy-ca|NODE_EXTRA_CA_CERTS/)
    expect(failure.details.where).toBe('Dockerfile:3')
  }, 60_000)
})
