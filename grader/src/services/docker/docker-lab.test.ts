import { randomUUID } from 'node:crypto'
import { appendFile, cp, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildLearnerImage, connectDocker, IMAGE_CATALOG, LABEL } from '@backend-labs/containers'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { parseBuildSteps } from './build-steps.ts'
import { LazyDockerLab } from './docker-lab.ts'
import {
  DOCKERFILE,
  dockerSkipReason,
  dockerSuite,
  SERVER_JS,
  TEST_LAB_ID,
  writeLearnerContext,
} from './docker-test-env.ts'

describe.skipIf(dockerSkipReason !== undefined)(dockerSuite('docker service against a real engine'), () => {
  let dir: string
  let lab: LazyDockerLab
  let docker: Docker

  beforeAll(async () => {
    docker = await connectDocker()
    dir = await writeLearnerContext(randomUUID())
    lab = new LazyDockerLab(dir, TEST_LAB_ID)
  })

  afterAll(async () => {
    await lab?.dispose()
    const filters = JSON.stringify({ label: [`${LABEL.lab}=${TEST_LAB_ID}`] })
    for (const image of (await docker?.listImages({ filters })) ?? [])
      await docker
        .getImage(image.Id)
        .remove({ force: true })
        .catch(() => {})
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  test('image(): facts from inspect and history, files read without starting the app', async () => {
    const image = await lab.image()
    expect(image).toMatchObject({
      user: 'node',
      exposedPorts: ['3000/tcp'],
      entrypoint: ['docker-entrypoint.sh'],
      cmd: ['node', 'server.js'],
    })
    expect(image.healthcheck?.[0]).toBe('CMD')
    expect(image.sizeBytes).toBeGreaterThan(50_000_000)
    expect(image.sizeBytes).toBeLessThan(1_000_000_000)
    expect(image.env).toContain(`NODE_VERSION=${IMAGE_CATALOG.node.pins.node}`)
    const own = image.history.map((h) => h.createdBy).slice(-9)
    expect(own[0]).toBe('WORKDIR /app')
    expect(own[1]).toMatch(/^COPY file:[0-9a-f]{64} in \.\/$/)
    expect(own[2]).toBe('RUN echo installed > deps.txt')
    expect(own.slice(5)).toEqual([
      'USER node',
      expect.stringMatching(/^HEALTHCHECK /),
      'EXPOSE 3000',
      'CMD ["node" "server.js"]',
    ])
    expect(image.history.some((h) => /proxy-ca|org\.backend-labs/.test(h.createdBy))).toBe(false)
    expect(await image.readFile('/app/server.js')).toBe(SERVER_JS)
    expect(await image.readFile('/app/missing.js')).toBeUndefined()
    expect(await image.findFiles(['/app/server', '/app/deps', '/nowhere/'])).toEqual([
      '/app/deps.txt',
      '/app/server.js',
    ])
  })

  test('image().run(): a throwaway container as the image user, without network', async () => {
    const image = await lab.image()
    expect(await image.run(['id', '-un'])).toEqual({ exitCode: 0, stdout: 'node\n', stderr: '' })
    expect(await image.run(['ls', '/sys/class/net'])).toEqual({ exitCode: 0, stdout: 'lo\n', stderr: '' })
    expect((await image.run(['no-such-program'])).exitCode).toBe(127)
    const slow = await image.run(['sleep', '30'], { timeoutMs: 500 })
    expect(slow.exitCode).toBe(124)
  })

  test('app(): answers on its URL, logs, health, exec; one container per key', async () => {
    const started = Date.now()
    const app = await lab.app()
    console.info(`start-to-ready ${Date.now() - started} ms`)
    expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(await (await fetch(`${app.url}/ping`)).text()).toBe('hello from /ping')
    expect(await app.logs()).toBe('listening on 3000')
    expect(await lab.app({ key: 'app' })).toBe(app)
    const exec = await app.exec(['sh', '-c', 'echo out; echo err >&2; exit 4'])
    expect(exec).toEqual({ exitCode: 4, stdout: 'out\n', stderr: 'err\n' })
    expect((await app.exec(['sleep', '5'], { timeoutMs: 300 })).exitCode).toBe(124)
    let health = await app.health()
    for (let i = 0; i < 40 && health !== 'healthy'; i++) {
      await new Promise((r) => setTimeout(r, 250))
      health = await app.health()
    }
    expect(health).toBe('healthy')
  })

  test('app(): PORT is passed; read-only root with a tmpfs', async () => {
    const app = await lab.app({ key: 'readonly', port: 8080, readonlyRootfs: true, tmpfs: ['/tmp'] })
    expect(await app.logs()).toBe('listening on 8080')
    expect((await app.exec(['touch', '/app/x'])).exitCode).not.toBe(0)
    expect((await app.exec(['touch', '/tmp/x'])).exitCode).toBe(0)
  })

  test('stop(): an app that ignores SIGTERM is killed after the grace period', async () => {
    const app = await lab.app({ key: 'stubborn', env: { IGNORE_SIGTERM: '1' } })
    const stopped = await app.stop(1000)
    expect(stopped).toMatchObject({ exitCode: 137, killed: true })
    expect(stopped.durationMs).toBeGreaterThanOrEqual(1000)
    const polite = await lab.app({ key: 'polite' })
    expect(await polite.stop(5000)).toMatchObject({ exitCode: 143, killed: false })
  })

  test('restart() keeps the data of a named volume, which another app can mount too', async () => {
    const volumes = [{ name: 'data', path: '/data' }]
    const app = await lab.app({ key: 'writer', volumes })
    expect((await app.exec(['sh', '-c', 'echo kept > /data/value'])).exitCode).toBe(0)
    await app.restart()
    expect(await (await fetch(app.url)).text()).toBe('hello from /')
    expect((await app.exec(['cat', '/data/value'])).stdout).toBe('kept\n')
    await app.stop()
    const reader = await lab.app({ key: 'reader', volumes })
    expect((await reader.exec(['cat', '/data/value'])).stdout).toBe('kept\n')
  })

  test('expectExit: an app that exits on a missing variable reports its code and logs', async () => {
    const app = await lab.app({ key: 'no-secret', env: { REQUIRE_SECRET: '1' }, expectExit: true })
    expect(app.exited).toEqual({ exitCode: 3, logs: 'APP_SECRET is not set' })
    const serving = await lab.app({ key: 'serving', expectExit: true, readyTimeoutMs: 1500 })
    expect(serving.exited).toBeUndefined()
  })

  test('service("postgres"): reachable from the app by its alias, with connection env', async () => {
    const db = await lab.service('postgres', { alias: 'db' })
    expect(db.connectionEnv).toEqual({
      DATABASE_URL: 'postgres://app:app@db:5432/app',
      PGHOST: 'db',
      PGPORT: '5432',
      PGUSER: 'app',
      PGPASSWORD: 'app',
      PGDATABASE: 'app',
    })
    const app = await lab.app({ key: 'with-db', env: db.connectionEnv })
    expect((await app.exec(['getent', 'hosts', 'db'])).stdout).toMatch(/^\d+\.\d+\.\d+\.\d+\s+db\n$/)
    const connect = `require('node:net').connect(5432, process.env.PGHOST).on('connect', () => { console.log('connected'); process.exit(0) }).on('error', (e) => { console.error(e.message); process.exit(1) })`
    expect(await app.exec(['node', '-e', connect])).toEqual({
      exitCode: 0,
      stdout: 'connected\n',
      stderr: '',
    })
    const started = Date.now()
    await db.restart()
    expect(Date.now() - started).toBeLessThan(8000)
    expect((await app.exec(['node', '-e', connect])).stdout).toBe('connected\n')
  })

  test('rebuildAfterTouch(): the steps before COPY . . come from the cache', async () => {
    const report = await lab.rebuildAfterTouch('server.js')
    expect(report.steps).toEqual([
      { instruction: 'WORKDIR /app', cached: true, stage: 0 },
      { instruction: 'COPY package.json ./', cached: true, stage: 0 },
      { instruction: 'RUN echo installed > deps.txt', cached: true, stage: 0 },
      { instruction: 'COPY . .', cached: false, stage: 0 },
      { instruction: 'RUN mkdir -p /data && chown node:node /data', cached: false, stage: 0 },
      { instruction: 'USER node', cached: false, stage: 0 },
      { instruction: expect.stringMatching(/^HEALTHCHECK /), cached: false, stage: 0 },
      { instruction: 'EXPOSE 3000', cached: false, stage: 0 },
      { instruction: 'CMD ["node", "server.js"]', cached: false, stage: 0 },
    ])
    expect(report).toMatchObject({ totalSteps: 9, cachedSteps: 3, stageBases: [null] })
  })

  test('rebuildAfterTouch(): a newer identical layer of another build does not make our steps run again', async () => {
    // A second submission whose Dockerfile starts the same way, built while this one is graded
    // (as in a batch or a verify): its WORKDIR and COPY layers are siblings of ours, and newer.
    const own = await writeLearnerContext(randomUUID())
    const other = await writeLearnerContext(randomUUID())
    const otherDockerfile = `FROM ${IMAGE_CATALOG.node.ref}\nWORKDIR /app\nCOPY package.json ./\nRUN echo other > deps.txt\n`
    await writeFile(join(other, 'Dockerfile'), otherDockerfile)
    const touched = await mkdtemp(join(tmpdir(), 'docker-service-touched-'))
    const graded = new LazyDockerLab(own, TEST_LAB_ID)
    try {
      await graded.image()
      const settings = await graded.session.buildSettings()
      const sibling = await buildLearnerImage(docker, {
        contextDir: other,
        labId: TEST_LAB_ID,
        noCache: true,
        ...settings,
      })
      graded.session.discardAtEnd([sibling.id])
      const installed = 'RUN echo installed > deps.txt'
      // Left to itself the builder takes the newer layer, which has no `RUN echo installed` child…
      await cp(own, touched, { recursive: true })
      await appendFile(join(touched, 'server.js'), '\n// touched\n')
      const plain = await buildLearnerImage(docker, { contextDir: touched, labId: TEST_LAB_ID, ...settings })
      graded.session.discardAtEnd([plain.id])
      const plainSteps = parseBuildSteps(plain.output, DOCKERFILE).steps
      expect(plainSteps.find((s) => s.instruction === installed)?.cached).toBe(false)
      // …while the grader's rebuild is measured against the original build's own layers.
      const report = await graded.rebuildAfterTouch('server.js')
      const step = (text: string) => report.steps.find((s) => s.instruction === text)
      expect(step('COPY package.json ./')?.cached).toBe(true)
      expect(step(installed)?.cached).toBe(true)
      expect(step('COPY . .')?.cached).toBe(false)
    } finally {
      await graded.dispose()
      for (const dir of [own, other, touched]) await rm(dir, { recursive: true, force: true })
    }
  }, 240_000)

  test('pause(): a paused app answers nothing until unpause()', async () => {
    const app = await lab.app({ key: 'for-testers' })
    await app.pause()
    try {
      const paused = await fetch(`${app.url}/x`, { signal: AbortSignal.timeout(1500) }).catch(
        (e: Error) => e.name,
      )
      expect(paused).toBe('TimeoutError')
    } finally {
      await app.unpause()
    }
    expect(await (await fetch(`${app.url}/x`)).text()).toBe('hello from /x')
  })

  test('dispose(): nothing labelled with the run remains; learner images stay as cache', async () => {
    const registry = await lab.session.registry()
    const filters = JSON.stringify({ label: [`${LABEL.run}=${registry.runId}`] })
    expect((await docker.listContainers({ all: true, filters })).length).toBeGreaterThan(0)
    await lab.dispose()
    expect(await docker.listContainers({ all: true, filters })).toEqual([])
    expect(await docker.listNetworks({ filters })).toEqual([])
    expect((await docker.listVolumes({ filters })).Volumes ?? []).toEqual([])
    expect(await docker.listImages({ filters })).toEqual([])
    const image = await lab.image()
    expect((await docker.getImage(image.ref).inspect()).Id).toBe(image.id)
  })
})
