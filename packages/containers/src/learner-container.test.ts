import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ContainerFailure } from './container-failure.ts'
import { IMAGE_CATALOG } from './image-catalog.ts'
import { LABEL } from './labels.ts'
import { type LearnerContainerOptions, startLearnerContainer } from './learner-container.ts'
import { RunRegistry } from './run-registry.ts'
import {
  dockerAvailable,
  dockerSuite,
  ensureTestBaseImage,
  removeByLabel,
  TEST_BASE_IMAGE,
  testDocker,
} from './test-support/docker-test-env.ts'

const RUN_ID = `test-learner-${process.pid}`
const MiB = 1024 * 1024

describe.skipIf(!dockerAvailable)(dockerSuite('learner containers against the real engine'), () => {
  const docker = dockerAvailable ? testDocker() : (undefined as never)
  const registry = dockerAvailable ? new RunRegistry(docker, RUN_ID) : (undefined as never)
  let networkName = ''
  beforeAll(async () => {
    await ensureTestBaseImage(docker)
    networkName = (await (await registry.createNetwork('net', { internal: true })).inspect()).Name
  }, 120_000)
  afterAll(async () => {
    const report = await registry.dispose()
    expect(report.failed).toEqual([])
    await removeByLabel(docker, `${LABEL.run}=${RUN_ID}`)
  }, 120_000)

  const start = (cmd: string, extra: Partial<LearnerContainerOptions> = {}) =>
    startLearnerContainer({
      image: TEST_BASE_IMAGE,
      port: 8080,
      registry,
      networkName,
      cmd: ['sh', '-c', cmd],
      readyTimeoutMs: 3000,
      proxyCa: null,
      ...extra,
    })

  async function failureOf(promise: Promise<unknown>): Promise<ContainerFailure> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    )
    if (!(error instanceof ContainerFailure))
      throw new Error(`expected a ContainerFailure, got ${String(error)}`)
    return error
  }

  it('starts with the hardened options, answers on 127.0.0.1 and stops on SIGTERM', async () => {
    const app = await start('exec httpd -f -p 8080 -h /tmp', {
      memoryBytes: 64 * MiB,
      pidsLimit: 50,
      cpus: 0.5,
    })
    const info = await app.container.inspect()
    expect(info.HostConfig).toMatchObject({
      Memory: 64 * MiB,
      MemorySwap: 64 * MiB,
      NanoCpus: 500_000_000,
      PidsLimit: 50,
      SecurityOpt: ['no-new-privileges'],
      CapDrop: ['ALL'],
      Init: true,
      NetworkMode: networkName,
      ReadonlyRootfs: false,
      Privileged: false,
      LogConfig: { Type: 'json-file', Config: { 'max-size': String(MiB), 'max-file': '2' } },
      PortBindings: {},
    })
    // nothing of the learner's is published: the grader's relay is the one door, on 127.0.0.1
    expect(Object.keys(info.NetworkSettings.Networks)).toEqual([networkName])
    expect(app.url).toBe(`http://127.0.0.1:${app.hostPort}`)
    const response = await fetch(app.url)
    expect(response.status).toBe(404) // busybox httpd with an empty /tmp: it answered
    const stopped = await app.stop(3000)
    expect(stopped.failure).toBeUndefined()
    expect(stopped.exitCode).not.toBe(137)
  }, 120_000)

  it('says "bind 0.0.0.0" when the app listens on 127.0.0.1 inside the container', async () => {
    const f = await failureOf(start('exec httpd -f -p 127.0.0.1:8080 -h /tmp'))
    expect(f.kind).toBe('bound-to-localhost')
    expect(f.message).toBe(
      'expected the app to accept connections on port 8080 from outside its container, but found it listens on 127.0.0.1:8080, which only the container itself can reach',
    )
    expect(f.details.hint).toContain("'0.0.0.0'")
  }, 120_000)

  it('names the port the app listens on instead', async () => {
    const f = await failureOf(start('exec httpd -f -p 9090 -h /tmp', { readiness: { kind: 'tcp' } }))
    expect(f.kind).toBe('never-ready')
    expect(f.details.found).toBe('nothing on port 8080 after 3 s; it listens on port 9090 instead')
  }, 120_000)

  it('reports an exit at start with the exit code and the last lines apart from the message', async () => {
    const f = await failureOf(
      start('echo booting; echo "Error: Cannot find module /app/server.js" >&2; exit 3'),
    )
    expect(f.kind).toBe('exited-at-start')
    expect(f.details.found).toBe('it exited with code 3 right after starting')
    // stdout and stderr are separate pipes, so their relative order is not guaranteed
    expect([...f.logs].sort()).toEqual(['Error: Cannot find module /app/server.js', 'booting'])
    expect(f.message).not.toContain('Cannot find module')
    expect(f.messageWithLogs()).toContain('  Error: Cannot find module /app/server.js')
  }, 120_000)

  it('reports a memory hog as out of memory', async () => {
    const f = await failureOf(start('echo loading; exec tail /dev/zero', { memoryBytes: 32 * MiB }))
    expect(f.kind).toBe('out-of-memory')
    expect(f.details.expected).toBe('the app to stay within its memory limit of 32.0 MB')
    expect(f.details.found).toMatch(/^it was killed .*exit code 137/)
  }, 120_000)

  it('reports a fork bomb as too many processes', async () => {
    const f = await failureOf(start('f() { f | f & }; f; sleep 1000', { pidsLimit: 40, cpus: 0.5 }))
    expect(f.kind).toBe('too-many-processes')
    expect(f.details.expected).toBe('the app to use at most 40 processes and threads')
  }, 120_000)

  it('reports a burst of processes that already ended as too many processes, not as silence', async () => {
    // the node stand-in: spawn errors swallowed, nothing printed, all children gone within 1 s
    const bomb =
      "const { spawn } = require('child_process'); for (let i = 0; i < 100; i++) { try { spawn('sleep', ['1']).on('error', () => {}) } catch {} } setInterval(() => {}, 1000)"
    const f = await failureOf(
      start('', {
        image: IMAGE_CATALOG.node.ref,
        cmd: ['node', '-e', bomb],
        pidsLimit: 32,
        readyTimeoutMs: 5000,
      }),
    )
    expect(f.kind).toBe('too-many-processes')
    expect(f.details.expected).toBe('the app to use at most 32 processes and threads')
  }, 120_000)

  it('reports an app that ignores SIGTERM after the grace period', async () => {
    const app = await start("trap '' TERM; httpd -p 8080 -h /tmp; sleep 1000")
    const stopped = await app.stop(1000)
    expect(stopped.exitCode).toBe(137)
    expect(stopped.durationMs).toBeGreaterThanOrEqual(1000)
    expect(stopped.failure?.kind).toBe('ignored-sigterm')
    expect(stopped.failure?.message).toBe(
      'expected the app to exit within 1 s of SIGTERM (what `docker stop` sends), but found it was still running after 1 s and had to be killed',
    )
  }, 120_000)

  it('keeps only the end of a log flood and says so', async () => {
    // ~1 MB of json-file entries: Docker rotates its 64 KiB log files and drops the start
    const f = await failureOf(
      start('yes flood-line-of-output | head -n 12000; echo last-line; sleep 1; exit 2', {
        logCapBytes: 16 * 1024,
        logMaxBytes: 64 * 1024,
      }),
    )
    expect(f.kind).toBe('exited-at-start')
    expect(f.logsTruncated).toBe(true)
    expect(f.logs).toHaveLength(30)
    expect(f.logs.at(-1)).toBe('last-line')
    expect(f.details.found).toMatch(
      /^it exited with code 2 right after starting; it also wrote \d+\.\d KB or more of logs, so only the end was kept$/,
    )
    expect(f.messageWithLogs()).toContain('Last 30 lines of output (output was cut: only the end is kept):')
  }, 120_000)
})
