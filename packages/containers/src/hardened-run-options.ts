import { InternalError } from '@backend-labs/lab-kit'
import type { ContainerCreateOptions, HostConfig } from 'dockerode'

const MiB = 1024 * 1024

/** Limits for a container that runs learner code. Every field has a safe default. */
export interface HardenedRunOptions {
  /** The per-run user-defined network; never `host`. */
  networkName: string
  /** Default 512 MiB. */
  memoryBytes?: number
  /** Memory + swap; default equal to `memoryBytes` (no swap). */
  memorySwapBytes?: number
  /** Default 1 CPU. */
  cpus?: number
  /** Default 256 processes/threads. */
  pidsLimit?: number
  /** Capabilities added back after dropping ALL (e.g. `NET_BIND_SERVICE`). Default none. */
  capAdd?: string[]
  readonlyRootfs?: boolean
  /** Mount point → options, e.g. `{ '/tmp': 'rw,size=64m' }`. */
  tmpfs?: Record<string, string>
  /** Container ports published on 127.0.0.1 at a random host port. */
  publishPorts?: number[]
  /** json-file log cap per file (2 files are kept, so a rotation is detectable); default 1 MiB. */
  logMaxBytes?: number
  /** Extra bind mounts, `source:target:ro`. */
  binds?: string[]
}

export const HARDENED_DEFAULTS = {
  memoryBytes: 512 * MiB,
  cpus: 1,
  pidsLimit: 256,
  logMaxBytes: 1 * MiB,
} as const

/** The HostConfig for a container that runs learner code. */
export function hardenedHostConfig(options: HardenedRunOptions): HostConfig {
  if (
    ['host', 'bridge', 'default'].includes(options.networkName) ||
    options.networkName.startsWith('container:')
  )
    throw new InternalError(`learner containers need a per-run network, not "${options.networkName}"`)
  const memoryBytes = options.memoryBytes ?? HARDENED_DEFAULTS.memoryBytes
  const config: HostConfig = {
    Memory: memoryBytes,
    MemorySwap: options.memorySwapBytes ?? memoryBytes,
    NanoCpus: Math.round((options.cpus ?? HARDENED_DEFAULTS.cpus) * 1e9),
    PidsLimit: options.pidsLimit ?? HARDENED_DEFAULTS.pidsLimit,
    SecurityOpt: ['no-new-privileges'],
    CapDrop: ['ALL'],
    CapAdd: [...(options.capAdd ?? [])],
    NetworkMode: options.networkName,
    LogConfig: {
      Type: 'json-file',
      Config: { 'max-size': String(options.logMaxBytes ?? HARDENED_DEFAULTS.logMaxBytes), 'max-file': '2' },
    },
    Init: true,
    ReadonlyRootfs: options.readonlyRootfs ?? false,
    Privileged: false,
    PortBindings: Object.fromEntries(
      (options.publishPorts ?? []).map((port) => [`${port}/tcp`, [{ HostIp: '127.0.0.1', HostPort: '' }]]),
    ),
  }
  if (options.tmpfs) config.Tmpfs = { ...options.tmpfs }
  if (options.binds?.length) config.Binds = [...options.binds]
  return config
}

/** Create options (image, command, env, labels, exposed ports) around {@link hardenedHostConfig}. */
export function hardenedCreateOptions(
  options: HardenedRunOptions & {
    image: string
    name?: string
    cmd?: string[]
    env?: Record<string, string>
    labels?: Record<string, string>
    user?: string
  },
): ContainerCreateOptions {
  const create: ContainerCreateOptions = {
    Image: options.image,
    Labels: { ...options.labels },
    Env: Object.entries(options.env ?? {}).map(([k, v]) => `${k}=${v}`),
    ExposedPorts: Object.fromEntries((options.publishPorts ?? []).map((p) => [`${p}/tcp`, {}])),
    HostConfig: hardenedHostConfig(options),
  }
  if (options.name) create.name = options.name
  if (options.cmd) create.Cmd = options.cmd
  if (options.user) create.User = options.user
  return create
}
