import { connectDocker } from '@backend-labs/containers'
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
