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

describe.skipIf(dockerSkipReason !== undefined)(
  dockerSuite('testers(): plans run against an app on the run network'),
  () => {
    let dir: string
    let lab: LazyDockerLab

    beforeAll(async () => {
      dir = await writeLearnerContext(randomUUID())
      // a lab id of its own: docker-lab.test.ts removes TEST_LAB_ID's images when it ends, maybe while this runs
      lab = new LazyDockerLab(dir, `${TEST_LAB_ID}-testers`)
    })

    afterAll(async () => {
      await lab?.dispose()
      if (dir) await rm(dir, { recursive: true, force: true })
    })

    test('testers(): each has its own address on the run network and reaches the app by networkUrl', async () => {
      const app = await lab.app({ key: 'for-testers' })
      const testers = await lab.testers(2, { key: 'pair' })
      expect(await lab.testers(2, { key: 'pair' })).toBe(testers)
      expect(new Set(testers.map((t) => t.address)).size).toBe(2)
      const reports = await Promise.all(
        testers.map((t) =>
          t.run({
            target: `${app.networkUrl}/from-tester`,
            maxRequests: 5,
            durationMs: 20_000,
            headerSets: [{ 'x-set': 'a' }, { 'x-set': 'b' }],
          }),
        ),
      )
      for (const [i, report] of reports.entries()) {
        expect(report.address).toBe(testers[i]!.address)
        expect(report).toMatchObject({ sent: 5, statuses: { '200': 5 }, errors: {} })
        expect(report.statusesBySet).toEqual([{ '200': 3 }, { '200': 2 }])
        expect(report.latenciesMs).toHaveLength(5)
      }
      // the app saw the testers' own addresses as its peers: nothing went through the host
      expect(app.networkUrl).toMatch(/^http:\/\/[0-9a-f]{12}:3000$/)
    })

    test('a plan with startAt and warmupTarget: the tester waits for the start time, warm-up is not counted, and an app that never answers it cannot make the start late', async () => {
      const app = await lab.app({ key: 'for-testers' })
      const [tester] = await lab.testers(2, { key: 'pair' })
      const before = Date.now()
      const report = await tester!.run({
        target: `${app.networkUrl}/timed`,
        warmupTarget: `${app.networkUrl}/stall`,
        startAt: before + 5000,
        maxRequests: 2,
        durationMs: 5000,
      })
      expect(Date.now() - before).toBeGreaterThanOrEqual(5000)
      expect(report).toMatchObject({ sent: 2, statuses: { '200': 2 }, errors: {} })
      expect(report.startedLateMs).toBeGreaterThanOrEqual(0)
      expect(report.startedLateMs).toBeLessThan(500)
      // without startAt, nothing is late
      const plain = await tester!.run({ target: `${app.networkUrl}/plain`, maxRequests: 1 })
      expect(plain.startedLateMs).toBe(0)
    })

    test('an answer dripped a byte at a time ends at the request timeout, so it cannot hold a tester past its run', async () => {
      const app = await lab.app({ key: 'for-testers' })
      const [tester] = await lab.testers(2, { key: 'pair' })
      const report = await tester!.run({
        target: `${app.networkUrl}/drip`,
        maxRequests: 2,
        durationMs: 3000,
        timeoutMs: 1000,
      })
      expect(report).toMatchObject({ sent: 2, statuses: {}, errors: { ETIMEDOUT: 2 } })
    })

    test('network: an app and testers on a network of their own reach each other, and nothing on the run network reaches them', async () => {
      const apart = await lab.app({ key: 'apart', network: 'apart' })
      const [inside] = await lab.testers(1, { key: 'inside', network: 'apart' })
      const [outside] = await lab.testers(2, { key: 'pair' })
      const plan = { maxRequests: 1, durationMs: 5000, timeoutMs: 2000 }
      expect(await inside!.run({ ...plan, target: `${apart.networkUrl}/apart` })).toMatchObject({
        sent: 1,
        statuses: { '200': 1 },
      })
      // by its address, not only its name: no route between the two networks
      const docker = await connectDocker()
      const networks = (await docker.getContainer(apart.containerId).inspect()).NetworkSettings.Networks
      const addresses = Object.values(networks).map((n) => n.IPAddress)
      expect(addresses).toHaveLength(1)
      for (const target of [`${apart.networkUrl}/apart`, `http://${addresses[0]}:3000/apart`]) {
        const cut = await outside!.run({ ...plan, target })
        expect(cut.statuses, target).toEqual({})
        expect(
          Object.values(cut.errors).reduce((a, b) => a + b, 0),
          target,
        ).toBe(1)
      }
      // the grader still reaches it, through its own relay
      expect((await fetch(`${apart.url}/apart`)).status).toBe(200)
    })

    test('a kept-alive connection closed before its answer: a GET is sent again on a new one (counted), a POST is not', async () => {
      const app = await lab.app({ key: 'for-testers' })
      const [tester] = await lab.testers(2, { key: 'pair' })
      const plan = { target: `${app.networkUrl}/reset-reused`, maxRequests: 3, durationMs: 5000 }
      const get = await tester!.run(plan)
      expect(get).toMatchObject({ sent: 3, statuses: { '200': 3 }, errors: {}, retriedResets: 2 })
      const post = await tester!.run({ ...plan, method: 'POST' })
      expect(post).toMatchObject({
        sent: 3,
        statuses: { '200': 2 },
        errors: { ECONNRESET: 1 },
        retriedResets: 0,
      })
    })
  },
)
