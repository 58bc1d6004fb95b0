import type { ServerResponse } from 'node:http'
import { EnvironmentError } from '@backend-labs/lab-kit'
import { afterEach, describe, expect, it } from 'vitest'
import { dockerClient } from './docker-endpoint.ts'
import { connectDocker } from './docker-runtime.ts'
import {
  answerDeadlineFrom,
  DEFAULT_ANSWER_DEADLINE_MS,
  DockerEngineSilentError,
  engineStillAnswers,
} from './engine-answer-deadline.ts'
import {
  dockerAvailable,
  dockerSuite,
  ensureTestBaseImage,
  TEST_BASE_IMAGE,
  testDocker,
} from './test-support/docker-test-env.ts'
import { type StandInEngine, standInEngine } from './test-support/stand-in-engine.ts'

const engines: StandInEngine[] = []
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()))
})

/** A client with an answer deadline of `deadlineMs` for a stand-in engine that answers as `handle` says. */
async function engine(deadlineMs: number | undefined, handle?: (path: string, res: ServerResponse) => void) {
  const made = await standInEngine(handle)
  engines.push(made)
  return Object.assign(dockerClient(made.endpoint, undefined, {}, deadlineMs), {
    socketPath: made.socketPath,
  })
}

describe('the answer deadline on Docker requests', () => {
  it('ends a request the engine never answers with an environment error naming it', async () => {
    const docker = await engine(300)
    const started = performance.now()
    const error = await docker.version().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DockerEngineSilentError)
    expect(error).toBeInstanceOf(EnvironmentError)
    expect((error as Error).message).toMatch(/stopped answering: GET \/version.* got no answer/)
    expect(performance.now() - started).toBeLessThan(10_000)
  })

  it('lets an answer that comes in time through, and a stream run past the deadline once it has begun', async () => {
    const docker = await engine(300, (path, res) => {
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

  it('fails every later request at once after a silence, naming the request without its query', async () => {
    const docker = await engine(300)
    const first = await docker
      .listContainers({ all: true, filters: { label: ['secret=1'] } })
      .catch((e: unknown) => e)
    expect((first as Error).message).toMatch(/: GET \/containers\/json got no answer in 0 s\.$/)
    const started = performance.now()
    const second = await docker
      .getContainer('abc')
      .remove({ force: true })
      .catch((e: unknown) => e)
    expect(second).toBe(first)
    expect(performance.now() - started).toBeLessThan(250)
    expect(await engineStillAnswers(docker, 5000)).toBe(first)
  })

  it('asks the engine whether it still answers before a timeout is blamed on the learner', async () => {
    const answering = await engine(60_000, (_path, res) => res.end('{"ID":"x"}'))
    expect(await engineStillAnswers(answering, 2000)).toBeUndefined()
    const silent = await engine(60_000)
    const error = await engineStillAnswers(silent, 300)
    expect(error).toBeInstanceOf(DockerEngineSilentError)
    expect(error?.message).toMatch(/GET \/info got no answer/)
  })

  it('leaves an unanswered request alone without the wrapper (what it guards against)', async () => {
    const docker = await engine(undefined)
    const outcome = await Promise.race([
      docker.version().then(
        () => 'answered',
        () => 'failed',
      ),
      new Promise((r) => setTimeout(() => r('still waiting'), 600)),
    ])
    expect(outcome).toBe('still waiting')
  })

  it('refuses, when grading connects, an engine that answers /version but hangs on /info (a deadlocked dockerd)', async () => {
    const deadlocked = await engine(undefined, (path, res) => {
      if (path.includes('/version')) res.end(JSON.stringify({ Version: '20.10.24', ApiVersion: '1.41' }))
    })
    const env = { DOCKER_HOST: `unix://${deadlocked.socketPath}`, LABS_DOCKER_PROBE_TIMEOUT_MS: '300' }
    const error = await connectDocker({ env }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DockerEngineSilentError)
    expect((error as Error).message).toMatch(/GET \/info got no answer/)
  })

  it('reads LABS_DOCKER_ANSWER_TIMEOUT_MS, ignoring nonsense', () => {
    expect(answerDeadlineFrom({ LABS_DOCKER_ANSWER_TIMEOUT_MS: '5000' })).toBe(5000)
    expect(answerDeadlineFrom({ LABS_DOCKER_ANSWER_TIMEOUT_MS: 'soon' })).toBe(DEFAULT_ANSWER_DEADLINE_MS)
    expect(answerDeadlineFrom({})).toBe(DEFAULT_ANSWER_DEADLINE_MS)
    // a Node timer longer than 2^31 - 1 ms would fire at once
    expect(answerDeadlineFrom({ LABS_DOCKER_ANSWER_TIMEOUT_MS: '1e10' })).toBe(2 ** 31 - 1)
  })
})

describe.skipIf(!dockerAvailable)(dockerSuite('the answer deadline against a real engine'), () => {
  it('does not cut a wait or followed logs that outlast it: the engine answers those at once', async () => {
    // set-up and clean-up through a client without the deadline: only the long waits are measured
    const plain = testDocker()
    await ensureTestBaseImage(plain)
    const made = await plain.createContainer({
      Image: TEST_BASE_IMAGE,
      Cmd: ['sh', '-c', 'sleep 7; echo done'],
      Labels: { 'org.backend-labs.test': 'answer-deadline' },
    })
    const container = testDocker(5000).getContainer(made.id)
    try {
      await made.start()
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
      await made.remove({ force: true })
    }
  }, 60_000)
})
