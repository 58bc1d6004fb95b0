import { randomUUID } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connectDocker } from '@backend-labs/containers'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { LazyDockerLab } from './docker-lab.ts'
import { dockerSkipReason, dockerSuite, TEST_LAB_ID } from './docker-test-env.ts'

describe.skipIf(dockerSkipReason !== undefined)(dockerSuite('an image without a shell'), () => {
  let dir: string
  let lab: LazyDockerLab

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'docker-service-scratch-'))
    await writeFile(join(dir, 'Dockerfile'), 'FROM scratch\nCOPY hello.txt /srv/hello.txt\nCMD ["/hello"]\n')
    await writeFile(join(dir, 'hello.txt'), `hello ${randomUUID()}\n`)
    lab = new LazyDockerLab(dir, TEST_LAB_ID)
  })

  afterAll(async () => {
    await lab?.dispose()
    const image = await lab?.image().catch(() => undefined)
    if (image)
      await (await connectDocker())
        .getImage(image.id)
        .remove({ force: true })
        .catch(() => {})
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  test('findFiles() and readFile() still work, through the archive API', async () => {
    const image = await lab.image()
    expect(await image.findFiles(['/srv/'])).toEqual(['/srv/hello.txt'])
    expect(await image.readFile('/srv/hello.txt')).toMatch(/^hello [0-9a-f-]{36}\n$/)
    expect((await image.run(['/bin/sh', '-c', 'true'])).exitCode).toBe(127)
  })
})
