import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fail } from '@backend-labs/lab-kit'
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment'
import { Deployment } from 'kubernetes-models/apps/v1/Deployment'
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler'
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler'
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget'
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget'
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap'
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap'
import type { ISecret } from 'kubernetes-models/v1/Secret'
import { Secret } from 'kubernetes-models/v1/Secret'
import type { IService } from 'kubernetes-models/v1/Service'
import { Service } from 'kubernetes-models/v1/Service'
import { parseAllDocuments } from 'yaml'

/** The folder of the submission that holds the manifests. */
export const MANIFEST_DIR = 'k8s'

/** The kinds the lab asks for, each with the model class whose schema validates it. */
const MODELS = {
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
} as const

export type KindKey = keyof typeof MODELS

/** One document of a manifest file, and where it came from (for messages). */
export interface Manifest<T = unknown> {
  file: string
  index: number
  kind: string
  name: string
  object: T
}

/** The manifests of a submission, parsed and validated against the Kubernetes API schemas. */
export interface ManifestSet {
  all: Manifest[]
  deployment: Manifest<IDeployment>
  services: Manifest<IService>[]
  hpas: Manifest<IHorizontalPodAutoscaler>[]
  pdbs: Manifest<IPodDisruptionBudget>[]
  configMaps: Manifest<IConfigMap>[]
  secrets: Manifest<ISecret>[]
}

const where = (m: { file: string; index: number }) => `${m.file} (document ${m.index + 1})`

/** Reads every .yaml/.yml file under k8s/, one object per YAML document (empty documents skipped). */
async function readDocuments(submissionDir: string): Promise<Manifest[]> {
  const dir = join(submissionDir, MANIFEST_DIR)
  const files = (await readdir(dir, { recursive: true }).catch(() => [] as string[]))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
  if (files.length === 0)
    fail({
      expected: `your manifests as .yaml files in ${MANIFEST_DIR}/`,
      found: `no .yaml or .yml file in ${MANIFEST_DIR}/`,
    })
  const documents: Manifest[] = []
  for (const f of files) {
    const file = `${MANIFEST_DIR}/${f}`
    const parsed = parseAllDocuments(await readFile(join(dir, f), 'utf8'))
    if (!Array.isArray(parsed))
      fail({ expected: `${file} to be YAML`, found: 'an empty stream the parser could not read' })
    parsed.forEach((doc, index) => {
      const error = doc.errors[0]
      if (error)
        fail({
          expected: `${where({ file, index })} to be valid YAML`,
          found: error.message.split('\n')[0] ?? error.message,
          hint: 'indent with spaces only, and separate documents with a line holding only ---',
        })
      const object = doc.toJS() as unknown
      if (object === null || object === undefined) return
      if (typeof object !== 'object' || Array.isArray(object))
        fail({
          expected: `${where({ file, index })} to be a Kubernetes object`,
          found: 'a YAML scalar or list',
        })
      const o = object as { kind?: unknown; metadata?: { name?: unknown } }
      documents.push({
        file,
        index,
        kind: String(o.kind ?? ''),
        name: String(o.metadata?.name ?? ''),
        object,
      })
    })
  }
  return documents
}

/** Validates one object with its kubernetes-models class; fails with the schema's first errors. */
function validate(m: Manifest): void {
  const o = m.object as { apiVersion?: unknown; kind?: unknown }
  const key = `${o.apiVersion}/${o.kind}`
  const Model = MODELS[key as KindKey]
  if (!Model)
    fail({
      expected: `only these kinds: ${Object.keys(MODELS).join(', ')}`,
      found: `${where(m)}: apiVersion ${String(o.apiVersion)}, kind ${String(o.kind)}`,
      hint: 'check the apiVersion: e.g. HorizontalPodAutoscaler is autoscaling/v2, PodDisruptionBudget policy/v1',
    })
  try {
    // biome-ignore lint/suspicious/noExplicitAny: each model takes its own object type
    new Model(m.object as any).validate()
  } catch (error) {
    const errors = (error as { errors?: { instancePath?: string; message?: string }[] }).errors ?? []
    const lines = errors.length
      ? errors
          .slice(0, 4)
          .map((e) => `${(e.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.')}: ${e.message}`)
      : [(error as Error).message]
    fail({
      expected: `${m.kind} ${m.name} in ${where(m)} to match the Kubernetes API schema`,
      found: lines.join('; '),
      hint: 'compare with `kubectl explain` for that field (e.g. `kubectl explain deployment.spec.replicas`)',
    })
  }
  if (!m.name) fail({ expected: `${where(m)} to have metadata.name`, found: 'no name' })
}

function only<T>(all: Manifest[], kind: string): Manifest<T>[] {
  return all.filter((m) => m.kind === kind) as Manifest<T>[]
}

/** Loads, parses and schema-validates the manifests, and checks each required kind is there. */
export async function loadManifests(submissionDir: string): Promise<ManifestSet> {
  const all = await readDocuments(submissionDir)
  for (const m of all) validate(m)
  const deployments = only<IDeployment>(all, 'Deployment')
  if (deployments.length !== 1)
    fail({
      expected: 'exactly one Deployment (the greeter-api)',
      found: deployments.length ? deployments.map((d) => `${d.name} in ${where(d)}`).join(', ') : 'none',
    })
  const set: ManifestSet = {
    all,
    deployment: deployments[0] as Manifest<IDeployment>,
    services: only(all, 'Service'),
    hpas: only(all, 'HorizontalPodAutoscaler'),
    pdbs: only(all, 'PodDisruptionBudget'),
    configMaps: only(all, 'ConfigMap'),
    secrets: only(all, 'Secret'),
  }
  const missing = (
    [
      ['Service', set.services],
      ['HorizontalPodAutoscaler', set.hpas],
      ['PodDisruptionBudget', set.pdbs],
      ['ConfigMap', set.configMaps],
      ['Secret', set.secrets],
    ] as const
  )
    .filter(([, list]) => list.length === 0)
    .map(([kind]) => kind)
  if (missing.length)
    fail({
      expected:
        'a Deployment, a Service, a HorizontalPodAutoscaler, a PodDisruptionBudget, a ConfigMap and a Secret',
      found: `no ${missing.join(', no ')} in ${MANIFEST_DIR}/`,
    })
  return set
}
