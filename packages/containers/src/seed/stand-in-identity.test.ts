import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { EnvironmentError } from '@backend-labs/lab-kit'
import { afterAll, describe, expect, it } from 'vitest'
import { dockerClient, resolveDockerEndpoint } from '../docker-endpoint.ts'
import { type CatalogImage, IMAGE_CATALOG } from '../image-catalog.ts'
import { imageStatus } from '../image-status.ts'
import { requirePinnedVersions, rootfsSlug } from './debian-rootfs.ts'
import { describeWithStandIn, docker } from './docker-test-support.ts'
import { seedExitCode, seedImages } from './seed-images.ts'
import { STAND_IN_LABEL } from './stand-in-labels.ts'
import { describePins, standInPlan } from './stand-in-plan.ts'

describe('stand-in plans', () => {
  it('hash the recipe with its pins: a one-line pin change makes another hash and another root file system', () => {
    const git = IMAGE_CATALOG.gitServer
    const moved: CatalogImage = { ...git, pins: { ...git.pins, debian: { git: '1:2.39.5-0+deb12u9' } } }
    const before = standInPlan(git)!
    const after = standInPlan(moved)!
    expect(after.hash).not.toBe(before.hash)
    expect(after.baseRef).not.toBe(before.baseRef)
    expect(rootfsSlug(before.rootfs!)).toMatch(/^bookworm-minbase-git-[0-9a-f]{8}$/)
    expect(standInPlan(git)!.hash).toBe(before.hash)
  })

  it('build the tester FROM the node image, and a re-pinned node makes the tester stale too', () => {
    const tester = standInPlan(IMAGE_CATALOG.tester)!
    expect(tester.rootfs).toBeUndefined()
    expect(tester.base).toEqual({
      key: 'node',
      ref: IMAGE_CATALOG.node.ref,
      hash: standInPlan(IMAGE_CATALOG.node)!.hash,
    })
    expect(tester.dockerfile.split('\n')[0]).toBe(`FROM ${IMAGE_CATALOG.node.ref}`)
    const repinned = {
      ...IMAGE_CATALOG,
      node: { ...IMAGE_CATALOG.node, pins: { ...IMAGE_CATALOG.node.pins, node: '22.0.0' } },
    }
    expect(standInPlan(IMAGE_CATALOG.tester, repinned)!.hash).not.toBe(tester.hash)
    expect(standInPlan(IMAGE_CATALOG.tester, IMAGE_CATALOG)!.hash).toBe(tester.hash)
  })

  it('put the pinned versions into the Dockerfile and the labels', () => {
    const node = standInPlan(IMAGE_CATALOG.node)!
    expect(node.dockerfile).toContain(`ENV NODE_VERSION=${IMAGE_CATALOG.node.pins.node}\n`)
    expect(node.versionLabels).toEqual({
      'org.backend-labs.stand-in.node-version': IMAGE_CATALOG.node.pins.node,
      'org.backend-labs.stand-in.npm-version': IMAGE_CATALOG.node.pins.npm,
    })
    expect(describePins(IMAGE_CATALOG.postgres.pins)).toBe(
      `postgresql-15 ${IMAGE_CATALOG.postgres.pins.debian['postgresql-15']}, debian bookworm`,
    )
    expect(standInPlan(IMAGE_CATALOG.mssql)).toBeUndefined()
  })
})

describe('requirePinnedVersions (real dpkg-query)', () => {
  it('names the package, the pin and what the mirror served', async () => {
    const root = await mkdtemp(join(tmpdir(), 'labs-pins-test-'))
    try {
      await writeFile(join(root, 'status'), '')
      const { mkdir } = await import('node:fs/promises')
      await mkdir(join(root, 'var/lib/dpkg'), { recursive: true })
      await writeFile(
        join(root, 'var/lib/dpkg/status'),
        'Package: git\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1:2.39.5-0+deb12u3\nDescription: x\n\n',
      )
      const spec = { suite: 'bookworm', packages: { git: '1:2.39.5-0+deb12u3' } }
      await expect(requirePinnedVersions(root, spec, 'http://mirror.test/debian')).resolves.toBeUndefined()
      const wrong = { suite: 'bookworm', packages: { git: '1:2.39.5-0+deb12u2', curl: '7.88.1-10' } }
      const error = await requirePinnedVersions(root, wrong, 'http://mirror.test/debian').catch((e) => e)
      expect(error).toBeInstanceOf(EnvironmentError)
      expect(error.exitCode).toBe(3)
      expect(error.message).toBe(
        'The image catalog pins git 1:2.39.5-0+deb12u2 (the mirror served 1:2.39.5-0+deb12u3), curl 7.88.1-10 (the mirror served none), and the Debian mirror http://mirror.test/debian (suite bookworm) no longer has it.',
      )
      expect(error.hint).toContain('packages/containers/src/image-catalog.ts')
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })
})

// The node recipe: its root file system (plain minbase) and npm tarballs are cached by the seeding
// that ran before the tests, so this builds in seconds rather than debootstrapping again.
const TEST_REF = 'backend-labs-test/identity-node:1'
const testCatalog = (): Record<string, CatalogImage> => ({
  node: { ...IMAGE_CATALOG.node, ref: TEST_REF },
})

describeWithStandIn('stand-in identity (real Docker)', IMAGE_CATALOG.node.ref, () => {
  const endpoint = resolveDockerEndpoint()
  const client = () => dockerClient(endpoint!, 60_000)
  const hashOf = async (ref: string) =>
    (
      await docker([
        'image',
        'inspect',
        '--format',
        `{{index .Config.Labels "${STAND_IN_LABEL.recipeHash}"}}`,
        ref,
      ])
    ).trim()

  afterAll(async () => {
    await docker(['image', 'rm', '-f', TEST_REF]).catch(() => '')
  }, 60_000)

  it('seeds exactly the plan, reports a stale image, and rebuilds only the stale one', async () => {
    const [built] = await seedImages({ only: ['node'], catalog: testCatalog() })
    expect(built?.outcome, built?.detail).toMatch(/^(seeded|present)$/)
    expect(await hashOf(TEST_REF)).toBe(standInPlan(testCatalog().node!)!.hash)
    const [status] = await imageStatus(client(), testCatalog())
    expect(status).toMatchObject({ presence: 'stand-in', pinned: describePins(IMAGE_CATALOG.node.pins) })
    expect(status?.stale).toBeUndefined()
    const [again] = await seedImages({ only: ['node'], catalog: testCatalog() })
    expect(again?.outcome).toBe('present')

    // The same image under a recipe hash of other pins: stale.
    const dir = await mkdtemp(join(tmpdir(), 'labs-stale-test-'))
    try {
      await writeFile(
        join(dir, 'Dockerfile'),
        `FROM ${TEST_REF}\nLABEL ${STAND_IN_LABEL.recipeHash}=from-older-pins\n`,
      )
      await docker(['build', '--quiet', '--tag', TEST_REF, dir], 120_000)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
    const [stale] = await imageStatus(client(), testCatalog())
    expect(stale?.stale).toBe(true)
    const steps: string[] = []
    const [rebuilt] = await seedImages({
      only: ['node'],
      catalog: testCatalog(),
      onProgress: (p) => steps.push(p.message),
    })
    expect(rebuilt?.outcome).toBe('seeded')
    expect(rebuilt?.detail).toContain('replaced a stale one')
    expect(steps).toContain(`building ${TEST_REF}`)
    expect(await hashOf(TEST_REF)).toBe(standInPlan(testCatalog().node!)!.hash)
  }, 600_000)

  it('fails, naming the version, when the npm registry lacks a pin (exit 3)', async () => {
    const node = IMAGE_CATALOG.node
    const catalog = {
      node: { ...node, ref: 'backend-labs-test/unpinnable-node:1', pins: { ...node.pins, node: '22.0.99' } },
    }
    const results = await seedImages({ only: ['node'], catalog })
    expect(results[0]?.outcome).toBe('failed')
    expect(results[0]?.detail).toMatch(
      /^The image catalog pins node-linux-(x64|arm64)@22\.0\.99, and the npm registry does not have that version\. Change the pin in packages\/containers\/src\/image-catalog\.ts/,
    )
    expect(seedExitCode(results)).toBe(3)
  }, 600_000)
})
