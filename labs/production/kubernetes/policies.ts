import { fail } from '@backend-labs/lab-kit'
import type { ManifestSet } from './manifests.ts'
import { appContainer, type HttpProbe, parseQuantity, podRun, resolveEnv, resolvePort } from './pod-spec.ts'

/** The group of policies a public check enforces. */
export type PolicyGroup = 'pod-security' | 'resources-and-probes' | 'availability' | 'config'

/**
 * One policy, as data: what must be true, and a test that returns what was found instead (or
 * undefined when the manifests comply).
 */
export interface Policy {
  group: PolicyGroup
  expected: string
  hint: string
  violation(set: ManifestSet): string | undefined
}

/** Environment variables the app needs, and where each must come from. */
const REQUIRED_ENV = { GREETING: 'ConfigMap', API_TOKEN: 'Secret' } as const
/** ConfigMap keys that look like credentials. */
const SECRET_LIKE = /token|secret|password|passwd|credential|api_?key|private/i

const podLabels = (set: ManifestSet) => set.deployment.object.spec?.template.metadata?.labels ?? {}

/** Whether a label selector (matchLabels only, as the lab's objects use) selects the pods. */
function selects(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  const entries = Object.entries(selector ?? {})
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v)
}

type Selector = NonNullable<ManifestSet['pdbs'][number]['object']['spec']>['selector']

const matchLabels = (s: Selector | undefined) => (s?.matchExpressions?.length ? undefined : s?.matchLabels)

const replicas = (set: ManifestSet) => set.deployment.object.spec?.replicas ?? 1

function probeProblem(set: ManifestSet, name: string, probe: HttpProbe | undefined): string | undefined {
  if (!probe) return `no ${name} with httpGet`
  const container = appContainer(set)
  const declared = (container.ports ?? []).map((p) => p.containerPort)
  if (!declared.includes(probe.port))
    return `the ${name} checks port ${probe.port < 0 ? 'of an unknown name' : probe.port}, not a containerPort (${declared.join(', ') || 'none'})`
  return undefined
}

/** How many pods a PDB lets a drain evict at once, with `replicas` running (IntOrString rules). */
function allowedDisruptions(set: ManifestSet, pdb: ManifestSet['pdbs'][number]): number {
  const n = replicas(set)
  const count = (v: number | string, roundUp: boolean) =>
    typeof v === 'number'
      ? v
      : roundUp
        ? Math.ceil((n * Number.parseFloat(v)) / 100)
        : Math.floor((n * Number.parseFloat(v)) / 100)
  const { minAvailable, maxUnavailable } = pdb.object.spec ?? {}
  if (minAvailable !== undefined) return n - count(minAvailable, true)
  if (maxUnavailable !== undefined) return count(maxUnavailable, true)
  return n
}

export const POLICIES: Policy[] = [
  // pod-security
  {
    group: 'pod-security',
    expected: 'runAsNonRoot: true, and no runAsUser: 0',
    hint: 'set securityContext.runAsNonRoot: true (and runAsUser: 1000, the image’s node user)',
    violation(set) {
      const run = podRun(set)
      if (run.runAsUser === 0) return 'runAsUser: 0 (root)'
      return run.runAsNonRoot ? undefined : 'runAsNonRoot is not true'
    },
  },
  {
    group: 'pod-security',
    expected: 'readOnlyRootFilesystem: true on the container',
    hint: 'mount an emptyDir where the app must write (this app writes nothing)',
    violation: (set) => (podRun(set).readOnlyRootFilesystem ? undefined : 'a writable root filesystem'),
  },
  {
    group: 'pod-security',
    expected: 'allowPrivilegeEscalation: false on the container',
    hint: 'it is a container-level securityContext field, not a pod-level one',
    violation: (set) =>
      podRun(set).allowPrivilegeEscalation === false ? undefined : 'allowPrivilegeEscalation is not false',
  },
  {
    group: 'pod-security',
    expected: 'no privileged container, no host namespaces',
    hint: 'remove privileged, hostNetwork, hostPID and hostIPC',
    violation(set) {
      const pod = set.deployment.object.spec?.template.spec
      if (appContainer(set).securityContext?.privileged) return 'privileged: true'
      const host = (['hostNetwork', 'hostPID', 'hostIPC'] as const).filter((k) => pod?.[k])
      return host.length ? `${host.join(', ')}: true` : undefined
    },
  },
  // resources-and-probes
  {
    group: 'resources-and-probes',
    expected: 'resources.requests and resources.limits, each with cpu and memory',
    hint: 'the scheduler places pods by their requests; the limits cap them (and the HPA needs a cpu request)',
    violation(set) {
      const r = appContainer(set).resources ?? {}
      const missing = (['requests', 'limits'] as const).flatMap((k) =>
        (['cpu', 'memory'] as const).filter((q) => r[k]?.[q] === undefined).map((q) => `${k}.${q}`),
      )
      return missing.length ? `no ${missing.join(', ')}` : undefined
    },
  },
  {
    group: 'resources-and-probes',
    expected: 'requests no larger than limits',
    hint: 'a request above its limit is rejected by the API server',
    violation(set) {
      const r = appContainer(set).resources ?? {}
      const over = (['cpu', 'memory'] as const).filter((q) => {
        const request = r.requests?.[q]
        const limit = r.limits?.[q]
        return request !== undefined && limit !== undefined && quantity(request) > quantity(limit)
      })
      return over.length ? `requests above limits for ${over.join(', ')}` : undefined
    },
  },
  {
    group: 'resources-and-probes',
    expected: 'a readinessProbe with httpGet on the container port',
    hint: 'the app answers GET /readyz (200 once it can serve traffic)',
    violation: (set) => probeProblem(set, 'readinessProbe', podRun(set).readiness),
  },
  {
    group: 'resources-and-probes',
    expected: 'a livenessProbe with httpGet on the container port',
    hint: 'the app answers GET /livez (200 while it is alive)',
    violation: (set) => probeProblem(set, 'livenessProbe', podRun(set).liveness),
  },
  // availability
  {
    group: 'availability',
    expected: 'a Deployment with at least 2 replicas',
    hint: 'one replica means downtime at every rollout, drain or crash',
    violation: (set) => (replicas(set) >= 2 ? undefined : `replicas: ${replicas(set)}`),
  },
  {
    group: 'availability',
    expected: 'a Service that selects the pods and targets the container port',
    hint: 'the selector must match the pod template labels; targetPort the containerPort (or its name)',
    violation(set) {
      const labels = podLabels(set)
      const container = appContainer(set)
      const declared = (container.ports ?? []).map((p) => p.containerPort)
      const good = set.services.some(
        (s) =>
          selects(s.object.spec?.selector, labels) &&
          (s.object.spec?.ports ?? []).some((p) =>
            declared.includes(resolvePort(container, p.targetPort ?? p.port) ?? -1),
          ),
      )
      return good
        ? undefined
        : `Service ${set.services.map((s) => s.name).join(', ')} does not reach the pods`
    },
  },
  {
    group: 'availability',
    expected: 'a HorizontalPodAutoscaler for the Deployment, minReplicas ≥ 2, maxReplicas above it',
    hint: 'scaleTargetRef: apps/v1 Deployment with the Deployment’s name',
    violation(set) {
      const hpa = set.hpas.find(
        (h) =>
          h.object.spec?.scaleTargetRef.kind === 'Deployment' &&
          h.object.spec.scaleTargetRef.name === set.deployment.name,
      )
      if (!hpa) return `no HPA targets Deployment ${set.deployment.name}`
      const min = hpa.object.spec?.minReplicas ?? 1
      const max = hpa.object.spec?.maxReplicas ?? 0
      if (min < 2) return `HPA ${hpa.name}: minReplicas ${min}`
      return max > min ? undefined : `HPA ${hpa.name}: maxReplicas ${max}, not above minReplicas ${min}`
    },
  },
  {
    group: 'availability',
    expected: 'a PodDisruptionBudget that selects the pods and still lets a node drain evict one',
    hint: 'with minAvailable equal to the replica count (or maxUnavailable 0) a drain blocks forever',
    violation(set) {
      const labels = podLabels(set)
      const pdb = set.pdbs.find((p) => selects(matchLabels(p.object.spec?.selector), labels))
      if (!pdb) return `no PodDisruptionBudget selects the pods (labels ${JSON.stringify(labels)})`
      const allowed = allowedDisruptions(set, pdb)
      return allowed >= 1
        ? undefined
        : `PDB ${pdb.name} allows ${allowed} disruptions with ${replicas(set)} replica(s): no node could be drained`
    },
  },
  // config
  {
    group: 'config',
    expected: 'GREETING from a ConfigMap and API_TOKEN from a Secret',
    hint: 'use valueFrom.configMapKeyRef / secretKeyRef, or envFrom with configMapRef / secretRef',
    violation(set) {
      const { origin } = resolveEnv(set, appContainer(set))
      const wrong = Object.entries(REQUIRED_ENV).filter(([name, kind]) => origin[name] !== kind)
      return wrong.length
        ? wrong.map(([name]) => `${name} ${origin[name] ? `from ${origin[name]}` : 'not set'}`).join(', ')
        : undefined
    },
  },
  {
    group: 'config',
    expected: 'no credential in a ConfigMap or a literal env value',
    hint: 'ConfigMaps are readable by anyone who can read the namespace; keep tokens in a Secret',
    violation(set) {
      const inMaps = set.configMaps.flatMap((m) =>
        Object.keys(m.object.data ?? {})
          .filter((k) => SECRET_LIKE.test(k))
          .map((k) => `${k} in ConfigMap ${m.name}`),
      )
      const literal = (appContainer(set).env ?? [])
        .filter((e) => e.value !== undefined && SECRET_LIKE.test(e.name))
        .map((e) => `${e.name} as a literal value`)
      const found = [...inMaps, ...literal]
      return found.length ? found.join(', ') : undefined
    },
  },
]

function quantity(q: string | number): number {
  try {
    return parseQuantity(q)
  } catch {
    return Number.NaN
  }
}

/** Runs every policy of a group; fails once, listing every violation. */
export function enforce(set: ManifestSet, group: PolicyGroup): void {
  const broken = POLICIES.filter((p) => p.group === group).flatMap((p) => {
    const found = p.violation(set)
    return found === undefined ? [] : [{ p, found }]
  })
  if (broken.length)
    fail({
      expected: broken.map(({ p }) => p.expected).join('; '),
      found: broken.map(({ found }) => found).join('; '),
      hint: broken.map(({ p }) => p.hint).join('; '),
    })
}
