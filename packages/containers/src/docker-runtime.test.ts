import { EnvironmentError } from '@backend-labs/lab-kit'
import { describe, expect, it } from 'vitest'
import { candidateSockets, endpointFromDockerHost, resolveDockerEndpoint } from './docker-endpoint.ts'
import { detectDockerRuntime, requireDockerRuntime } from './docker-runtime.ts'
import { dockerAvailable, dockerSuite } from './test-support/docker-test-env.ts'

describe('finding the engine', () => {
  it('prefers DOCKER_HOST and parses unix and tcp forms', () => {
    expect(endpointFromDockerHost({ DOCKER_HOST: 'unix:///run/user/1000/podman/podman.sock' })).toEqual({
      source: 'DOCKER_HOST',
      address: 'unix:///run/user/1000/podman/podman.sock',
      socketPath: '/run/user/1000/podman/podman.sock',
      flavour: 'podman',
    })
    expect(
      endpointFromDockerHost({ DOCKER_HOST: 'tcp://10.0.0.5:2376', DOCKER_TLS_VERIFY: '1' }),
    ).toMatchObject({
      host: '10.0.0.5',
      port: 2376,
      protocol: 'https',
      flavour: 'remote',
    })
    expect(resolveDockerEndpoint({ DOCKER_HOST: 'unix:///nowhere.sock' })?.socketPath).toBe('/nowhere.sock')
  })

  it('probes the usual sockets in testcontainers order', () => {
    const paths = candidateSockets({ XDG_RUNTIME_DIR: '/run/user/1000' }).map(
      (c) => `${c.flavour} ${c.socketPath}`,
    )
    expect(paths.slice(0, 2)).toEqual([
      'docker /var/run/docker.sock',
      'rootless-docker /run/user/1000/docker.sock',
    ])
    expect(paths).toContain('podman /run/user/1000/podman/podman.sock')
    expect(paths.some((p) => p.startsWith('colima '))).toBe(true)
  })

  it('fails fast with an EnvironmentError saying what to do when nothing answers', async () => {
    const started = Date.now()
    const facts = await detectDockerRuntime({ env: { DOCKER_HOST: 'tcp://127.0.0.1:1' } })
    expect(facts.reachable).toBe(false)
    expect(Date.now() - started).toBeLessThan(1500)
    const error = await requireDockerRuntime({
      env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' },
    }).catch((e) => e)
    expect(error).toBeInstanceOf(EnvironmentError)
    expect(error.exitCode).toBe(3)
    expect(error.message).toMatch(/^No Docker engine is reachable at unix:\/\/\/nonexistent\/docker.sock \(/)
    expect(error.hint).toBe(
      'Install Docker (or Podman/Colima), start it (`dockerd` or Docker Desktop), or point DOCKER_HOST at a running engine, then run `pnpm labs doctor`.',
    )
  })
})

describe.skipIf(!dockerAvailable)(dockerSuite('detectDockerRuntime against the real engine'), () => {
  it('reports version, OS/arch and BuildKit support within the probe timeout', async () => {
    const started = Date.now()
    const facts = await detectDockerRuntime()
    expect(Date.now() - started).toBeLessThan(1000)
    expect(facts).toMatchObject({ reachable: true, os: 'linux', buildkit: true })
    expect(facts.serverVersion).toMatch(/^\d+\.\d+/)
    expect(facts.arch).toMatch(/^(amd64|arm64)$/)
  })
})
