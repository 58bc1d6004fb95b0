import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CheckFailure } from '@backend-labs/lab-kit'
import { afterAll, describe, expect, it } from 'vitest'
import { loadManifests } from '../../labs/production/kubernetes/manifests.ts'
import { parseQuantity, podRun } from '../../labs/production/kubernetes/pod-spec.ts'
import { enforce, type PolicyGroup } from '../../labs/production/kubernetes/policies.ts'
import suite from '../suites/production/kubernetes/suite.ts'

const SUITE = fileURLToPath(new URL('../suites/production/kubernetes/', import.meta.url))
const STARTER = fileURLToPath(new URL('../../labs/production/kubernetes/starter/', import.meta.url))
const GROUPS: PolicyGroup[] = ['pod-security', 'resources-and-probes', 'availability', 'config']

const dirs: string[] = []
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
})

/** The static checks (schema + policies) a staged workspace fails, without Docker. */
async function staticFailures(dir: string): Promise<string[]> {
  const outcome = async (step: () => Promise<void>) =>
    step().then(
      () => true,
      (error: unknown) => {
        if (error instanceof CheckFailure) return false
        throw error
      },
    )
  let set: Awaited<ReturnType<typeof loadManifests>>
  try {
    set = await loadManifests(dir)
  } catch (error) {
    if (error instanceof CheckFailure) return ['manifests-valid']
    throw error
  }
  const loaded = set
  const failed: string[] = []
  for (const group of GROUPS) if (!(await outcome(async () => enforce(loaded, group)))) failed.push(group)
  return failed
}

async function stage(dir: string, apply?: (dir: string) => Promise<void>): Promise<string> {
  const copy = await mkdtemp(join(tmpdir(), 'k8s-policies-'))
  dirs.push(copy)
  // as labs verify does: the recipe's folder over a fresh starter, then its apply step
  await cp(STARTER, copy, { recursive: true })
  if (dir !== STARTER) await cp(dir, copy, { recursive: true })
  await apply?.(copy)
  return copy
}

describe('production/kubernetes: schema and policies without Docker', () => {
  it('the solution and each alternative break no policy', async () => {
    expect(await staticFailures(await stage(join(SUITE, 'solution')))).toEqual([])
    for (const a of suite.alternatives ?? [])
      expect(await staticFailures(await stage(join(SUITE, a.dir ?? ''), a.apply)), a.id).toEqual([])
  })

  it('the starter fails the schema step (kinds missing)', async () => {
    expect(await staticFailures(await stage(STARTER))).toEqual(['manifests-valid'])
  })

  for (const f of suite.fixtures ?? [])
    it(`fixture ${f.id} fails exactly its static checks`, async () => {
      const dir = await stage(join(SUITE, f.dir ?? ''), f.apply)
      const expected = (f.fails ?? []).filter(
        (id) => id === 'manifests-valid' || GROUPS.includes(id as PolicyGroup),
      )
      expect(await staticFailures(dir)).toEqual(expected)
    })

  it('reads the pod spec as the kubelet would', async () => {
    const single = suite.alternatives?.find((a) => a.id === 'single-file')
    const run = podRun(
      await loadManifests(await stage(join(SUITE, 'alternatives/single-file'), single?.apply)),
    )
    expect(run).toMatchObject({
      user: '10001',
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      port: 9090,
      memoryBytes: 256e6,
      cpus: 1,
      env: { GREETING: 'Bonjour', PORT: '9090', API_TOKEN: 'another-token-for-the-lab' },
    })
    expect(run.readiness).toMatchObject({
      path: '/readyz',
      port: 9090,
      periodSeconds: 3,
      failureThreshold: 3,
    })
    expect(run.liveness).toMatchObject({ path: '/livez', port: 9090, failureThreshold: 2 })
  })

  it('parses Kubernetes quantities', () => {
    expect(parseQuantity('128Mi')).toBe(128 * 2 ** 20)
    expect(parseQuantity('256M')).toBe(256e6)
    expect(parseQuantity('500m')).toBeCloseTo(0.5)
    expect(parseQuantity('0.25')).toBe(0.25)
    expect(() => parseQuantity('12 bananas')).toThrow()
  })
})
