import type Docker from 'dockerode'
import { IMAGE_CATALOG } from './image-catalog.ts'
import { ensureImage } from './image-status.ts'
import { RELAY_SCRIPT } from './relay-script.ts'
import type { RunRegistry } from './run-registry.ts'

const RELAY_PORT = 8080
const MiB = 1024 * 1024

/** The grader's relay container: the only way in from the host to a run's internal network. */
export interface PortRelay {
  container: Docker.Container
  /** The port on 127.0.0.1 that reaches the relay. */
  hostPort: number
}

/**
 * Starts a relay (our code, in the catalog's node image) joined to the run's internal network and to
 * Docker's default bridge, publishing one port on 127.0.0.1 only. Every connection to that port is
 * piped to `target` (`host:port` on the internal network): learner containers stay without any
 * route out, and the grader reaches them through this one door.
 */
export async function startPortRelay(
  registry: RunRegistry,
  networkName: string,
  target: string,
): Promise<PortRelay> {
  const container = await createRelay(registry, networkName, { RELAY_TARGET: target }, true)
  const info = await container.inspect()
  const hostPort = Number(info.NetworkSettings.Ports?.[`${RELAY_PORT}/tcp`]?.[0]?.HostPort)
  return { container, hostPort }
}

/**
 * Starts an HTTP CONNECT proxy on `networkName` under `alias` that opens tunnels only to `allow`
 * (`host:443`): how a build that declares it needs the package registry reaches it, and nothing
 * else. Returns the proxy variables for the build (Docker's predefined build args).
 */
export async function startRegistryProxy(
  registry: RunRegistry,
  networkName: string,
  allow: readonly string[],
  alias = 'registry-proxy',
): Promise<Record<string, string>> {
  await createRelay(registry, networkName, { RELAY_ALLOW: allow.join(',') }, false, alias)
  const url = `http://${alias}:${RELAY_PORT}`
  return { HTTPS_PROXY: url, https_proxy: url, HTTP_PROXY: url, http_proxy: url, NO_PROXY: '', no_proxy: '' }
}

async function createRelay(
  registry: RunRegistry,
  networkName: string,
  env: Record<string, string>,
  publish: boolean,
  alias?: string,
): Promise<Docker.Container> {
  const image = IMAGE_CATALOG.node.ref
  await ensureImage(registry.docker, image)
  const container = await registry.createContainer({
    Image: image,
    Entrypoint: ['node'],
    Cmd: ['-e', RELAY_SCRIPT],
    User: '1000:1000',
    Env: Object.entries({ ...env, RELAY_LISTEN: String(RELAY_PORT) }).map(([k, v]) => `${k}=${v}`),
    ExposedPorts: publish ? { [`${RELAY_PORT}/tcp`]: {} } : {},
    HostConfig: {
      NetworkMode: networkName,
      Memory: 128 * MiB,
      MemorySwap: 128 * MiB,
      NanoCpus: 0.5e9,
      PidsLimit: 64,
      ReadonlyRootfs: true,
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      Init: true,
      LogConfig: { Type: 'json-file', Config: { 'max-size': '1m', 'max-file': '1' } },
      PortBindings: publish ? { [`${RELAY_PORT}/tcp`]: [{ HostIp: '127.0.0.1', HostPort: '' }] } : {},
    },
    NetworkingConfig: { EndpointsConfig: { [networkName]: alias ? { Aliases: [alias] } : {} } },
  })
  // the second leg: the default bridge, which the host can reach (an internal network cannot publish)
  await registry.docker.getNetwork('bridge').connect({ Container: container.id })
  await container.start()
  await listening(container)
  return container
}

/** Waits (≤ 30 s) for the relay's "listening" line, so a first probe does not race its start. */
async function listening(container: Docker.Container): Promise<void> {
  const stream = (await container.logs({
    follow: true,
    stdout: true,
    stderr: true,
  })) as NodeJS.ReadableStream & {
    destroy(): void
  }
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, 30_000)
    function done() {
      clearTimeout(timer)
      stream.destroy()
      resolve()
    }
    stream.on('data', (chunk: Buffer) => {
      if (chunk.toString('latin1').includes('relay listening')) done()
    })
    stream.on('end', done)
    stream.on('error', done)
  })
}
