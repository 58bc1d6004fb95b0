import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server, type ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { EnvironmentError } from '@backend-labs/lab-kit'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { dockerClient } from './docker-endpoint.ts'
import {
  answerDeadlineFrom,
  DEFAULT_ANSWER_DEADLINE_MS,
  DockerEngineSilentError,
} from './engine-answer-deadline.ts'
import {
  dockerAvailable,
  dockerSuite,
  ensureTestBaseImage,
  TEST_BASE_IMAGE,
  testDocker,
} from './test-support/docker-test-env.ts'

const dir = mkdtempSync(join(tmpdir(), 'answer-deadline-'))
const servers: Server[] = []
afterEach(async () => {
  for (const s of servers) s.closeAllConnections()
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/**
 * An engine on a unix socket that accepts connections and answers as `handle` says; a wedged
 * dockerd accepts and never answers, which is what `handle` doing nothing stands for.
 */
async function engine(
  name: string,
  deadlineMs: number | undefined,
  handle: (path: string, res: ServerResponse) => void,
) {
  const socketPath = join(dir, `${name}.sock`)
  const server = createServer((req, res) => handle(req.url ?? '', res))
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(socketPath, resolve))
  const endpoint = {
    source: 'socket',
    address: `unix://${socketPath}`,
    socketPath,
    flavour: 'docker',
  } as const
  return dockerClient(endpoint, undefined, {}, deadlineMs)
}

describe('the answer deadline on Docker requests', () => {
  it('ends a request the engine never answers with an environment error naming it', async () => {
    const docker = await engine('silent', 300, () => {})
    const started = performance.now()
    const error = await docker.version().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DockerEngineSilentError)
    expect(error).toBeInstanceOf(EnvironmentError)
    expect((error as Error).message).toMatch(/stopped answering: GET \/version.* got no answer/)
    expect(performance.now() - started).toBeLessThan(10_000)
  })

  it('lets an answer that comes in time through, and a stream run past the deadline once it has begun', async () => {
    const docker = await engine('streaming', 300, (path, res) => {
      if (path.includes('/version')) {
        setTimeout(() => res.end(JSON.stringify({ Version: '99.0' })), 50)
        return
      }
      // logs?follow: headers at once, then a line every 150 ms for 900 ms: 3× the deadline
      res.writeHead(200, { 'content-type': 'application/vnd.docker.raw-stream' })
      let n = 0
      const tick = setInterval(() => {
        res.write(`line ${++n}\n`)
        if (n === 6) {
          clearInterval(tick)
          res.end()
        }
      }, 150)
    })
    expect((await docker.version()).Version).toBe('99.0')
    const stream = (await docker
      .getContainer('c')
      .logs({ follow: true, stdout: true })) as unknown as NodeJS.ReadableStream
    let text = ''
    for await (const chunk of stream) text += chunk.toString()
    expect(text).toContain('line 6')
  })

  it('leaves an unanswered request alone without the wrapper (what it guards against)', async () => {
    const docker = await engine('silent-unguarded', undefined, () => {})
    const outcome = await Promise.race([
      docker.version().then(
        () => 'answered',
        () => 'failed',
      ),
      new Promise((r) => setTimeout(() => r('still waiting'), 600)),
    ])
    expect(outcome).toBe('still waiting')
  })

  it('reads LABS_DOCKER_ANSWER_TIMEOUT_MS, ignoring nonsense', () => {
    expect(answerDeadlineFrom({ LABS_DOCKER_ANSWER_TIMEOUT_MS: '5000' })).toBe(5000)
    expect(answerDeadlineFrom({ LABS_DOCKER_ANSWER_TIMEOUT_MS: 'soon' })).toBe(DEFAULT_ANSWER_DEADLINE_MS)
    expect(answerDeadlineFrom({})).toBe(DEFAULT_ANSWER_DEADLINE_MS)
  })
})

describe.skipIf(!dockerAvailable)(dockerSuite('the answer deadline against a real engine'), () => {
  it('does not cut a wait or followed logs that outlast it: the engine answers those at once', async () => {
    const docker = testDocker(1000)
    await ensureTestBaseImage(docker)
    const container = await docker.createContainer({
      Image: TEST_BASE_IMAGE,
      Cmd: ['sh', '-c', 'sleep 2; echo done'],
      Labels: { 'org.backend-labs.test': 'answer-deadline' },
    })
    try {
      await container.start()
      const logs = (await container.logs({
        follow: true,
        stdout: true,
        stderr: true,
      })) as unknown as NodeJS.ReadableStream
      const [exit, text] = await Promise.all([
        container.wait() as Promise<{ StatusCode: number }>,
        (async () => {
          let all = ''
          for await (const chunk of logs) all += chunk.toString()
          return all
        })(),
      ])
      expect(exit.StatusCode).toBe(0)
      expect(text).toContain('done')
    } finally {
      await container.remove({ force: true })
    }
  }, 30_000)
})
