import { connectDocker, DockerEngineSilentError, dockerClient } from '@backend-labs/containers'
import { standInEngine } from '@backend-labs/containers/stand-in-engine'
import { EnvironmentError } from '@backend-labs/lab-kit'
import { describe, expect, test } from 'vitest'
import { LazyDockerLab } from './docker-lab.ts'
import { DockerSession } from './docker-session.ts'

// An address nothing listens on: the engine is "unreachable" whether or not Docker runs here.
const NO_ENGINE = { DOCKER_HOST: 'tcp://127.0.0.1:1' }

describe('DockerSession without an engine', () => {
  test('nothing connects until used, and dispose() then has nothing to do', async () => {
    let connects = 0
    const session = new DockerSession(async () => {
      connects++
      return connectDocker({ env: NO_ENGINE })
    })
    expect(await session.dispose()).toBeUndefined()
    expect(connects).toBe(0)
  })

  test('the first use fails with an EnvironmentError saying what to do; dispose() still resolves', async () => {
    const lab = new LazyDockerLab(
      '/nonexistent',
      'docker/x',
      new DockerSession(() => connectDocker({ env: NO_ENGINE })),
    )
    const error = await lab.image().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(EnvironmentError)
    expect((error as EnvironmentError).message).toMatch(/^No Docker engine is reachable at /)
    expect((error as EnvironmentError).hint).toMatch(/start it/)
    await expect(lab.app()).rejects.toBe(error)
    await expect(lab.dispose()).resolves.toEqual({ leftovers: [] })
  })
})

describe('DockerSession with an engine that stops answering', () => {
  test('says so when asked before a verdict, and says nothing for a grade that never used Docker', async () => {
    const engine = await standInEngine()
    try {
      const unused = new DockerSession(async () => dockerClient(engine.endpoint, undefined, {}, 60_000))
      expect(await unused.stillAnswering(300)).toBeUndefined()
      const used = new DockerSession(async () => dockerClient(engine.endpoint, undefined, {}, 60_000))
      await used.registry()
      const silent = await used.stillAnswering(300)
      expect(silent).toBeInstanceOf(DockerEngineSilentError)
      expect(silent?.message).toMatch(/^The Docker engine stopped answering: GET \/info got no answer/)
    } finally {
      await engine.close()
    }
  })
})
