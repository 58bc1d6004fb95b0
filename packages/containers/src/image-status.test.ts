import { EnvironmentError } from '@backend-labs/lab-kit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureImage, imagePresence, imageStatus } from './image-status.ts'
import { LABEL } from './labels.ts'
import {
  dockerAvailable,
  dockerSuite,
  ensureTestBaseImage,
  TEST_BASE_IMAGE,
  testDocker,
} from './test-support/docker-test-env.ts'

const STAND_IN = `backend-labs-test/stand-in-${process.pid}:1`

describe.skipIf(!dockerAvailable)(dockerSuite('image presence against the real engine'), () => {
  const docker = dockerAvailable ? testDocker() : (undefined as never)
  beforeAll(async () => {
    await ensureTestBaseImage(docker)
    const base = await docker.getImage(TEST_BASE_IMAGE).inspect()
    // a labelled child image: commit a stopped container with the stand-in label
    const container = await docker.createContainer({ Image: base.Id, Cmd: ['true'] })
    const [repo, tag] = STAND_IN.split(':')
    await container.commit({ repo, tag, changes: [`LABEL ${LABEL.standIn}=true`] } as never)
    await container.remove()
  }, 60_000)
  afterAll(
    () =>
      docker
        .getImage(STAND_IN)
        .remove({ force: true })
        .catch(() => {}),
    30_000,
  )

  it('tells present, stand-in and missing apart', async () => {
    const status = await imageStatus(docker, {
      base: { key: 'base', ref: TEST_BASE_IMAGE, purpose: 'test', offline: 'build' },
      standIn: { key: 'standIn', ref: STAND_IN, purpose: 'test', offline: 'seed' },
      missing: { key: 'missing', ref: 'backend-labs-test/absent:0', purpose: 'test', offline: 'seed' },
    })
    expect(status.map((s) => [s.image.key, s.presence])).toEqual([
      ['base', 'present'],
      ['standIn', 'stand-in'],
      ['missing', 'missing'],
    ])
  })

  it('ensureImage() does nothing for a local image and fails fast offline, naming the image', async () => {
    expect(await ensureImage(docker, TEST_BASE_IMAGE, { offline: true })).toBe('present')
    const started = Date.now()
    const error = await ensureImage(docker, 'backend-labs-test/absent:0', { offline: true }).catch((e) => e)
    expect(error).toBeInstanceOf(EnvironmentError)
    expect(error.message).toBe(
      'The image backend-labs-test/absent:0 is not on this machine and pulling is switched off (offline mode).',
    )
    expect(error.hint).toBe('Run `pnpm labs images seed` to build the offline stand-ins, then try again.')
    expect(Date.now() - started).toBeLessThan(1000)
    expect((await imagePresence(docker, 'backend-labs-test/absent:0')).presence).toBe('missing')
  })

  it('ensureImage() turns a failed pull into an EnvironmentError', async () => {
    const error = await ensureImage(docker, 'backend-labs-test/absent:0', { pullTimeoutMs: 5000 }).catch(
      (e) => e,
    )
    expect(error).toBeInstanceOf(EnvironmentError)
    expect(error.message).toMatch(
      /^The image backend-labs-test\/absent:0 is not on this machine and it could not be pulled \(/,
    )
  }, 15_000)
})
