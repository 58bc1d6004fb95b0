import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LABEL } from './labels.ts'
import { buildLearnerImage } from './learner-image-build.ts'
import { pruneLearnerImages } from './learner-image-cache.ts'
import {
  dockerAvailable,
  dockerSuite,
  ensureTestBaseImage,
  removeByLabel,
  TEST_BASE_IMAGE,
  testDocker,
} from './test-support/docker-test-env.ts'

const LAB_ID = `test/cache-${process.pid}`

describe.skipIf(!dockerAvailable)(dockerSuite('pruneLearnerImages against the real engine'), () => {
  const docker = dockerAvailable ? testDocker() : (undefined as never)
  const dir = mkdtempSync(join(tmpdir(), 'labs-cache-'))
  beforeAll(() => ensureTestBaseImage(docker), 60_000)
  afterAll(async () => {
    await removeByLabel(docker, `${LABEL.lab}=${LAB_ID}`)
    rmSync(dir, { recursive: true, force: true })
  }, 60_000)

  it('removes learner images older than the age limit', async () => {
    writeFileSync(join(dir, 'Dockerfile'), `FROM ${TEST_BASE_IMAGE}\nLABEL variant=${process.pid}\n`)
    const image = await buildLearnerImage(docker, { contextDir: dir, labId: LAB_ID, proxyCa: null })
    const inTwoWeeks = new Date(Date.now() + 14 * 24 * 3600_000)
    // scoped to this test's lab: the engine is shared with other runs
    const fresh = await pruneLearnerImages(docker, { labId: LAB_ID, maxAgeDays: 7 })
    expect(fresh).toEqual({ removed: [], kept: 1 })
    // Over the count limit but built minutes ago: another grade may need its layers as cache.
    expect(await pruneLearnerImages(docker, { labId: LAB_ID, maxImages: 0 })).toEqual({
      removed: [],
      kept: 1,
    })
    // "now" two weeks ahead makes the image look 14 days old
    const aged = await pruneLearnerImages(docker, { labId: LAB_ID, maxAgeDays: 7, now: inTwoWeeks })
    expect(aged.removed).toContain(image.ref)
    await expect(docker.getImage(image.ref).inspect()).rejects.toMatchObject({ statusCode: 404 })
  }, 60_000)
})
