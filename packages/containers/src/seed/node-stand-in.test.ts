import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { IMAGE_CATALOG } from '../image-catalog.ts'
import { describeWithStandIn, docker, removeLabelled, TEST_LABEL } from './docker-test-support.ts'
import { seedImages } from './seed-images.ts'
import { standInPlan } from './stand-in-plan.ts'

const REF = IMAGE_CATALOG.node.ref
const RUN = ['run', '--rm', '--label', `${TEST_LABEL}=seed-node`, '--network', 'none']
const LEARNER_TAG = 'backend-labs-test/seed-node-learner:1'

describeWithStandIn(`${REF} stand-in (real Docker)`, REF, () => {
  beforeAll(async () => {
    const [result] = await seedImages({ only: ['node'] })
    expect(result?.outcome, result?.detail).toMatch(/^(seeded|present)$/)
  }, 600_000)

  afterAll(async () => {
    await removeLabelled('seed-node')
    await docker(['image', 'rm', '-f', LEARNER_TAG]).catch(() => '')
  }, 120_000)

  it('is labelled as a stand-in of recipe node, with Node 22 and CMD node', async () => {
    const config = JSON.parse(await docker(['image', 'inspect', '--format', '{{json .Config}}', REF]))
    if (config.Labels?.['org.backend-labs.stand-in'] !== 'true') return // a real image is present: nothing to check
    expect(config.Labels['org.backend-labs.stand-in.recipe']).toBe('node')
    expect(config.Cmd).toEqual(['node'])
    expect(config.Env).toContain(`NODE_VERSION=${IMAGE_CATALOG.node.pins.node}`)
    expect(config.Labels['org.backend-labs.stand-in.node-version']).toBe(IMAGE_CATALOG.node.pins.node)
    expect(config.Labels['org.backend-labs.stand-in.recipe-hash']).toBe(standInPlan(IMAGE_CATALOG.node)?.hash)
  })

  it('runs node -e and npm --version', async () => {
    expect(await docker([...RUN, REF, 'node', '--version'])).toBe(`v${IMAGE_CATALOG.node.pins.node}\n`)
    expect(await docker([...RUN, REF, 'npm', '--version'])).toBe(`${IMAGE_CATALOG.node.pins.npm}\n`)
    // The official entrypoint hands flags to node.
    expect(await docker([...RUN, REF, '-p', '6 * 7'])).toBe('42\n')
  }, 60_000)

  it('has the node user (1000:1000, home /home/node)', async () => {
    expect(await docker([...RUN, REF, 'id', 'node'])).toBe(
      'uid=1000(node) gid=1000(node) groups=1000(node)\n',
    )
    expect(await docker([...RUN, '--user', 'node', REF, 'sh', '-c', 'cd && pwd'])).toBe('/home/node\n')
  }, 60_000)

  it('builds a learner Dockerfile FROM it unchanged', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'labs-seed-node-test-'))
    try {
      await writeFile(
        join(dir, 'Dockerfile'),
        `FROM ${REF}\nWORKDIR /app\nCOPY package.json server.js ./\nRUN npm install --offline --no-audit\nUSER node\nCMD ["npm", "start"]\n`,
      )
      await writeFile(
        join(dir, 'package.json'),
        '{"name":"api","version":"1.0.0","scripts":{"start":"node server.js"}}',
      )
      await writeFile(join(dir, 'server.js'), 'console.log("api as " + require("os").userInfo().username)\n')
      await docker(
        ['build', '--quiet', '--label', `${TEST_LABEL}=seed-node`, '-t', LEARNER_TAG, dir],
        120_000,
      )
      expect(await docker([...RUN, LEARNER_TAG])).toContain('api as node\n')
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }, 180_000)
})
