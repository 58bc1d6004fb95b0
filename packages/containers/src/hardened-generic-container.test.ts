import { Wait } from 'testcontainers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HardenedGenericContainer } from './hardened-generic-container.ts'
import { LABEL } from './labels.ts'
import { RunRegistry } from './run-registry.ts'
import {
  dockerAvailable,
  dockerSuite,
  ensureTestBaseImage,
  removeByLabel,
  TEST_BASE_IMAGE,
  testDocker,
} from './test-support/docker-test-env.ts'

// offline here: Ryuk cannot be pulled, and the host lookup would pull alpine (see ENVIRONMENT.md)
process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true'
process.env.TESTCONTAINERS_HOST_OVERRIDE ??= 'localhost'

const MiB = 1024 * 1024

describe.skipIf(!dockerAvailable)(dockerSuite('HardenedGenericContainer (testcontainers 11.14)'), () => {
  const docker = dockerAvailable ? testDocker() : (undefined as never)
  const registry = dockerAvailable ? new RunRegistry(docker, `test-tc-${process.pid}`) : (undefined as never)
  beforeAll(() => ensureTestBaseImage(docker), 60_000)
  afterAll(async () => {
    await registry.dispose()
    await removeByLabel(docker, `${LABEL.run}=${registry.runId}`)
  }, 60_000)

  it('applies the hardened HostConfig and publishes on 127.0.0.1 only', async () => {
    const network = await (await registry.createNetwork()).inspect()
    const started = await new HardenedGenericContainer(TEST_BASE_IMAGE, {
      memoryBytes: 96 * MiB,
      pidsLimit: 64,
    })
      .withCommand(['sh', '-c', 'echo ready; exec httpd -f -p 8080 -h /tmp'])
      .withExposedPorts(8080)
      .withNetworkMode(network.Name)
      .withLabels(registry.labels)
      .withWaitStrategy(Wait.forLogMessage('ready'))
      .withStartupTimeout(15_000)
      .start()
    registry.track('container', started.getId())
    const info = await docker.getContainer(started.getId()).inspect()
    expect(info.HostConfig).toMatchObject({
      Memory: 96 * MiB,
      MemorySwap: 96 * MiB,
      PidsLimit: 64,
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      Init: true,
      NetworkMode: network.Name,
      PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '0' }] },
    })
    const port = started.getMappedPort(8080)
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404)
    await started.stop()
  }, 60_000)
})
