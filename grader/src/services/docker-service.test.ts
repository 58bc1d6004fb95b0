import { EnvironmentError } from '@backend-labs/lab-kit'
import { afterEach, describe, expect, test } from 'vitest'
import type { Lab } from '../engine/lab.ts'
import type { StagedSubmission } from '../engine/stage.ts'
import { LazyDockerLab } from './docker/docker-lab.ts'
import { dockerService } from './docker-service.ts'

const lab = { id: 'docker/example' } as Lab
const staged = { dir: '/nonexistent', notices: [] } as unknown as StagedSubmission
const saved = process.env.DOCKER_HOST

afterEach(() => {
  if (saved === undefined) delete process.env.DOCKER_HOST
  else process.env.DOCKER_HOST = saved
})

describe('dockerService', () => {
  test('create() is cheap and lazy: ctx.docker, and Docker is touched only on first use', async () => {
    process.env.DOCKER_HOST = 'tcp://127.0.0.1:1' // nothing listens: any connection attempt fails
    const instance = await dockerService.create(lab, staged, {})
    expect(dockerService.name).toBe('docker')
    expect(instance.context.docker).toBeInstanceOf(LazyDockerLab)
    const docker = instance.context.docker as LazyDockerLab
    await expect(docker.image()).rejects.toBeInstanceOf(EnvironmentError)
    await expect(instance.dispose()).resolves.toEqual({ leftovers: [] })
  })
})
