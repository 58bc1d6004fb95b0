import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { type AddressInfo, createServer, type Server } from 'node:net'
import { networkInterfaces, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LABEL } from './labels.ts'
import { startLearnerContainer } from './learner-container.ts'
import { buildLearnerImage } from './learner-image-build.ts'
import { startRegistryProxy } from './port-relay.ts'
import { RunRegistry } from './run-registry.ts'
import {
  dockerAvailable,
  dockerSuite,
  ensureTestBaseImage,
  removeByLabel,
  TEST_BASE_IMAGE,
  testDocker,
} from './test-support/docker-test-env.ts'

const LAB_ID = `test/host-reach-${process.pid}`

/** Every address of this host a container might try: the network's gateway, docker0, eth0. */
async function hostAddresses(docker: ReturnType<typeof testDocker>, networkName: string): Promise<string[]> {
  const gateway = async (name: string) =>
    ((await docker.getNetwork(name).inspect()) as { IPAM: { Config: { Gateway?: string }[] } }).IPAM.Config[0]
      ?.Gateway
  const own = Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && a.family === 'IPv4' && !a.internal)
    .map((a) => a?.address ?? '')
  return [
    ...new Set([await gateway(networkName), await gateway('bridge'), ...own].filter(Boolean)),
  ] as string[]
}

/** A shell loop that tries each address and prints REACHED or BLOCKED for it. */
function probeScript(addresses: string[], port: number): string {
  return addresses
    .map((a) => `(nc -w 2 ${a} ${port} </dev/null && echo REACHED ${a} || echo BLOCKED ${a})`)
    .join('; ')
}

describe.skipIf(!dockerAvailable)(dockerSuite('learner code cannot reach the host'), () => {
  const docker = dockerAvailable ? testDocker() : (undefined as never)
  const registry = dockerAvailable ? new RunRegistry(docker) : (undefined as never)
  let listener: Server
  let port = 0
  let accepted = 0
  const dirs: string[] = []

  beforeAll(async () => {
    await ensureTestBaseImage(docker)
    // a service on the host, listening on every address, as a database or a dev server would
    listener = createServer((socket) => {
      accepted++
      socket.destroy()
    })
    await new Promise<void>((resolve) => listener.listen(0, '0.0.0.0', resolve))
    port = (listener.address() as AddressInfo).port
  }, 60_000)
  afterAll(async () => {
    listener?.close()
    await registry?.dispose()
    if (dockerAvailable) await removeByLabel(docker, `${LABEL.lab}=${LAB_ID}`)
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  }, 60_000)

  it('a running learner container reaches no host address, and the grader still reaches it', async () => {
    const networkName = (await (await registry.createNetwork('reach', { internal: true })).inspect()).Name
    const addresses = await hostAddresses(docker, networkName)
    expect(addresses.length).toBeGreaterThanOrEqual(2)
    const app = await startLearnerContainer({
      registry,
      networkName,
      image: TEST_BASE_IMAGE,
      port: 8080,
      cmd: [
        'sh',
        '-c',
        `${probeScript(addresses, port)}; mkdir -p /www; echo ok > /www/index.html; httpd -f -p 8080 -h /www`,
      ],
      readiness: { kind: 'http', path: '/' },
      proxyCa: null,
    })
    const text = await (await fetch(`${app.url}/index.html`)).text()
    expect(text).toBe('ok\n')
    const logs = (await app.logs()).lines
    expect(logs.filter((l) => l.startsWith('BLOCKED'))).toHaveLength(addresses.length)
    expect(logs.filter((l) => l.startsWith('REACHED'))).toEqual([])
    expect(accepted).toBe(0)
  }, 120_000)

  it('a RUN step reaches no host address, with no network and with the registry proxy', async () => {
    const network = (await (await registry.createNetwork('build', { internal: true })).inspect()).Name
    const proxyEnv = await startRegistryProxy(registry, network, ['registry.npmjs.org:443'])
    const addresses = await hostAddresses(docker, network)
    for (const [index, settings] of [{}, { networkName: network, proxyEnv }].entries()) {
      const dir = mkdtempSync(join(tmpdir(), 'labs-reach-'))
      dirs.push(dir)
      writeFileSync(
        join(dir, 'Dockerfile'),
        `FROM ${TEST_BASE_IMAGE}\nRUN echo try-${index}; ${probeScript(addresses, port)}; true\n`,
      )
      const image = await buildLearnerImage(docker, {
        contextDir: dir,
        labId: LAB_ID,
        proxyCa: null,
        ...settings,
      })
      // lines of the step's output (the echoed script sits on the `Step N/M :` line); stderr comes coloured
      const lines = image.output.split('\n').map((l) => l.replace(/\x1b\[[0-9;]*m/g, ''))
      expect(lines.filter((l) => l.startsWith('BLOCKED '))).toHaveLength(addresses.length)
      expect(lines.filter((l) => l.startsWith('REACHED '))).toEqual([])
    }
    expect(accepted).toBe(0)
  }, 180_000)
})
