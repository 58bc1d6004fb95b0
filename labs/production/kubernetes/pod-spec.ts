import { fail } from '@backend-labs/lab-kit'
import type { IContainer, IProbe } from 'kubernetes-models/v1'
import type { ManifestSet } from './manifests.ts'

/** What the kubelet would do with the Deployment's pod template, translated for `docker run`. */
export interface PodRun {
  containerName: string
  /** `uid` or `uid:gid`, or undefined for the image's own USER. */
  user?: string
  runAsUser?: number
  runAsNonRoot: boolean
  readOnlyRootFilesystem: boolean
  allowPrivilegeEscalation?: boolean
  /** Mount paths of emptyDir volumes: tmpfs in Docker. */
  emptyDirs: string[]
  env: Record<string, string>
  port: number
  memoryBytes?: number
  cpus?: number
  readiness?: HttpProbe
  liveness?: HttpProbe
}

/** An httpGet probe with the kubelet's defaults filled in. */
export interface HttpProbe {
  path: string
  port: number
  initialDelaySeconds: number
  periodSeconds: number
  timeoutSeconds: number
  failureThreshold: number
}

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 }
const DECIMAL: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, m: 1e-3 }

/** A Kubernetes quantity (`128Mi`, `256M`, `500m`, `0.5`, `1e3`) as a number. */
export function parseQuantity(quantity: string | number): number {
  if (typeof quantity === 'number') return quantity
  const match = /^([0-9.]+(?:[eE][-+]?[0-9]+)?)(Ki|Mi|Gi|Ti|k|M|G|T|m)?$/.exec(quantity.trim())
  if (!match) throw new Error(`not a quantity: ${quantity}`)
  const unit = match[2] ?? ''
  return Number(match[1]) * (BINARY[unit] ?? DECIMAL[unit] ?? 1)
}

/** The Deployment's first container (the lab's app has one). */
export function appContainer(set: ManifestSet): IContainer {
  const container = set.deployment.object.spec?.template.spec?.containers[0]
  if (!container) fail({ expected: 'a container in the Deployment', found: 'none' })
  return container
}

/** The container port a probe's `port` (a number or a port name) points at, or undefined. */
export function resolvePort(container: IContainer, port: number | string): number | undefined {
  if (typeof port === 'number') return port
  if (/^\d+$/.test(port)) return Number(port)
  return container.ports?.find((p) => p.name === port)?.containerPort
}

function httpProbe(container: IContainer, probe: IProbe | undefined): HttpProbe | undefined {
  const get = probe?.httpGet
  if (!probe || !get) return undefined
  return {
    path: get.path ?? '/',
    port: resolvePort(container, get.port) ?? -1,
    initialDelaySeconds: probe.initialDelaySeconds ?? 0,
    periodSeconds: probe.periodSeconds ?? 10,
    timeoutSeconds: probe.timeoutSeconds ?? 1,
    failureThreshold: probe.failureThreshold ?? 3,
  }
}

function decodeSecret(value: string): string {
  return Buffer.from(value, 'base64').toString('utf8')
}

/** The data of a ConfigMap or Secret by name (Secret `data` base64-decoded, `stringData` as is). */
function source(set: ManifestSet, kind: 'ConfigMap' | 'Secret', name: string): Record<string, string> {
  if (kind === 'ConfigMap') {
    const map = set.configMaps.find((m) => m.name === name)
    if (!map)
      fail({
        expected: `a ConfigMap named ${name} (the Deployment reads it)`,
        found: `ConfigMaps: ${set.configMaps.map((m) => m.name).join(', ') || 'none'}`,
        hint: 'the kubelet would refuse to start the pod: CreateContainerConfigError',
      })
    return { ...map.object.data }
  }
  const secret = set.secrets.find((s) => s.name === name)
  if (!secret)
    fail({
      expected: `a Secret named ${name} (the Deployment reads it)`,
      found: `Secrets: ${set.secrets.map((s) => s.name).join(', ') || 'none'}`,
      hint: 'the kubelet would refuse to start the pod: CreateContainerConfigError',
    })
  const decoded = Object.fromEntries(
    Object.entries(secret.object.data ?? {}).map(([k, v]) => [k, decodeSecret(String(v))]),
  )
  return { ...decoded, ...secret.object.stringData }
}

/** Where each environment variable of the container comes from. */
export type EnvOrigin = 'literal' | 'ConfigMap' | 'Secret'

/** The container's environment as the kubelet builds it (envFrom first, then env), with origins. */
export function resolveEnv(
  set: ManifestSet,
  container: IContainer,
): { env: Record<string, string>; origin: Record<string, EnvOrigin> } {
  const env: Record<string, string> = {}
  const origin: Record<string, EnvOrigin> = {}
  for (const from of container.envFrom ?? []) {
    const kind = from.configMapRef ? 'ConfigMap' : 'Secret'
    const name = from.configMapRef?.name ?? from.secretRef?.name ?? ''
    for (const [k, v] of Object.entries(source(set, kind, name))) {
      env[`${from.prefix ?? ''}${k}`] = v
      origin[`${from.prefix ?? ''}${k}`] = kind
    }
  }
  for (const e of container.env ?? []) {
    const ref = e.valueFrom?.configMapKeyRef ?? e.valueFrom?.secretKeyRef
    if (!ref) {
      env[e.name] = e.value ?? ''
      origin[e.name] = 'literal'
      continue
    }
    const kind = e.valueFrom?.configMapKeyRef ? 'ConfigMap' : 'Secret'
    const data = source(set, kind, ref.name ?? '')
    const value = data[ref.key]
    if (value === undefined)
      fail({
        expected: `key ${ref.key} in the ${kind} ${ref.name} (env ${e.name} reads it)`,
        found: `keys: ${Object.keys(data).join(', ') || 'none'}`,
        hint: 'the kubelet would refuse to start the pod: CreateContainerConfigError',
      })
    env[e.name] = value
    origin[e.name] = kind
  }
  return { env, origin }
}

/** The run plan for the Deployment's pod. */
export function podRun(set: ManifestSet): PodRun {
  const pod = set.deployment.object.spec?.template.spec
  const container = appContainer(set)
  const podSec = pod?.securityContext ?? {}
  const sec = container.securityContext ?? {}
  const runAsUser = sec.runAsUser ?? podSec.runAsUser
  const runAsGroup = sec.runAsGroup ?? podSec.runAsGroup
  const limits = container.resources?.limits ?? {}
  const mounts = container.volumeMounts ?? []
  const emptyDirNames = new Set((pod?.volumes ?? []).filter((v) => v.emptyDir).map((v) => v.name))
  return {
    containerName: container.name,
    user:
      runAsUser === undefined ? undefined : `${runAsUser}${runAsGroup === undefined ? '' : `:${runAsGroup}`}`,
    runAsUser,
    runAsNonRoot: sec.runAsNonRoot ?? podSec.runAsNonRoot ?? false,
    readOnlyRootFilesystem: sec.readOnlyRootFilesystem ?? false,
    allowPrivilegeEscalation: sec.allowPrivilegeEscalation,
    emptyDirs: mounts.filter((m) => emptyDirNames.has(m.name)).map((m) => m.mountPath),
    env: resolveEnv(set, container).env,
    port: container.ports?.[0]?.containerPort ?? 8080,
    memoryBytes: limits.memory === undefined ? undefined : parseQuantity(limits.memory),
    cpus: limits.cpu === undefined ? undefined : parseQuantity(limits.cpu),
    readiness: httpProbe(container, container.readinessProbe),
    liveness: httpProbe(container, container.livenessProbe),
  }
}
