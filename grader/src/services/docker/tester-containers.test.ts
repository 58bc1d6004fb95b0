import { randomUUID } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { connectDocker, LABEL } from '@backend-labs/containers'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { LazyDockerLab } from './docker-lab.ts'
import { dockerSkipReason, dockerSuite, TEST_LAB_ID, writeLearnerContext } from './docker-test-env.ts'

describe.skipIf(dockerSkipReason !== undefined)(
  dockerSuite('sink(): a server of the grader’s on the run network'),
  () => {
    let dir: string
    let lab: LazyDockerLab

    beforeAll(async () => {
      dir = await writeLearnerContext(randomUUID())
      lab = new LazyDockerLab(dir, TEST_LAB_ID)
    })

    afterAll(async () => {
      await lab?.dispose()
      if (dir) await rm(dir, { recursive: true, force: true })
    })

    test('answers every tester request 200, once per key, and is gone after dispose()', async () => {
      const [sink, [tester]] = await Promise.all([lab.sink(), lab.testers(1, { key: 'to-sink' })])
      expect(await lab.sink()).toBe(sink)
      expect(sink.networkUrl).toMatch(/^http:\/\/\d+\.\d+\.\d+\.\d+:3000$/)
      const report = await tester!.run({
        target: `${sink.networkUrl}/anything?x=1`,
        maxRequests: 25,
        durationMs: 5000,
      })
      expect(report).toMatchObject({ sent: 25, statuses: { '200': 25 }, errors: {} })

      const registry = await lab.session.registry()
      await lab.dispose()
      const docker = await connectDocker()
      const left = await docker.listContainers({
        all: true,
        filters: JSON.stringify({ label: [`${LABEL.run}=${registry.runId}`] }),
      })
      expect(left).toEqual([])
    })
  },
)
