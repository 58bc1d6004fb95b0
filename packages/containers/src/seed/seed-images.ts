import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { BadInputError, EnvironmentError, ExitCode } from '@backend-labs/lab-kit'
import type Docker from 'dockerode'
import { dockerClient, resolveDockerEndpoint } from '../docker-endpoint.ts'
import { type CatalogImage, type CatalogKey, IMAGE_CATALOG } from '../image-catalog.ts'
import { imagePresence, isStaleStandIn } from '../image-status.ts'
import { buildStandIn } from './build-stand-in.ts'
import { runDocker } from './docker-cli.ts'
import { seedCacheDir, withDirLock } from './seed-cache.ts'
import { describePins, standInPlan } from './stand-in-plan.ts'
import { STAND_IN_RECIPES } from './stand-in-recipes.ts'

/** What happened to one catalog image. */
export type SeedOutcome = 'seeded' | 'pulled' | 'present' | 'unavailable' | 'failed'

export interface SeedResult {
  key: CatalogKey
  ref: string
  outcome: SeedOutcome
  durationMs: number
  /** For a person: which kind of image is present, why it cannot be made, or what failed and how to fix it. */
  detail?: string
}

export interface SeedProgress {
  key: CatalogKey
  ref: string
  message: string
}

export interface SeedImagesOptions {
  /** Catalog keys (`node`), refs (`node:22-bookworm-slim`) or recipe names (`git-server`); all when absent. */
  only?: string[]
  /** Rebuild even when an image answers to the ref (the cached Debian root file systems are reused). */
  force?: boolean
  onProgress?: (progress: SeedProgress) => void
  /** Try `docker pull` before building; default `LABS_TRY_PULL=1`. Offline-first, since pulls hang here. */
  tryPull?: boolean
  cacheDir?: string
  docker?: Docker
  /** The catalog to seed from; the project's own by default (tests pass one with other pins). */
  catalog?: Record<string, CatalogImage>
}

const PULL_TIMEOUT_MS = 5 * 60_000
const IMAGE_LOCK_WAIT_MS = 20 * 60_000

/**
 * Makes every (or each `only`) catalog image available locally: present images are kept, `seed`
 * and `build` images are built as labelled stand-ins under their catalog ref, `none` images are
 * reported as unavailable. One image failing does not stop the others.
 */
export async function seedImages(options: SeedImagesOptions = {}): Promise<SeedResult[]> {
  const entries = selectImages(options.only, options.catalog)
  const docker = options.docker ?? (await reachableDocker())
  const cacheDir = options.cacheDir ?? seedCacheDir()
  const tryPull = options.tryPull ?? process.env.LABS_TRY_PULL === '1'
  const results: SeedResult[] = []
  for (const image of entries) {
    const started = performance.now()
    const onStep = (message: string) => options.onProgress?.({ key: image.key, ref: image.ref, message })
    const result = await seedOne(image, { ...options, docker, cacheDir, tryPull, onStep }).catch(
      (error: unknown): Omit<SeedResult, 'key' | 'ref' | 'durationMs'> => ({
        outcome: 'failed',
        detail: describeFailure(error),
      }),
    )
    results.push({ key: image.key, ref: image.ref, ...result, durationMs: performance.now() - started })
  }
  return results
}

interface SeedOneContext {
  docker: Docker
  cacheDir: string
  force?: boolean
  tryPull: boolean
  onStep: (message: string) => void
}

async function seedOne(
  image: CatalogImage & { key: CatalogKey },
  context: SeedOneContext,
): Promise<Omit<SeedResult, 'key' | 'ref' | 'durationMs'>> {
  const { docker, cacheDir, onStep } = context
  const current = async () => {
    const found = await imagePresence(docker, image.ref)
    return found.presence !== 'missing' && !isStaleStandIn(image, found)
  }
  const found = await imagePresence(docker, image.ref)
  const before = found.presence
  const previousId = found.id
  const stale = isStaleStandIn(image, found)
  const plan = standInPlan(image)
  const pinned = plan ? `, ${describePins(plan.pins)}` : ''
  if (before !== 'missing' && !stale && !context.force) {
    return { outcome: 'present', detail: before === 'stand-in' ? `offline stand-in${pinned}` : 'real image' }
  }
  if (stale) onStep(`${image.ref} is stale (built from another recipe or other pins): rebuilding`)
  if (context.tryPull && (await tryPull(image.ref, !!plan, onStep))) return { outcome: 'pulled' }
  if (!plan) {
    return {
      outcome: before === 'missing' ? 'unavailable' : 'present',
      detail:
        before === 'missing'
          ? 'cannot be made offline: only its registry has it; pull it where the registry is reachable'
          : 'real image (it has no offline stand-in to rebuild)',
    }
  }
  const imageExists = async (ref: string) => (await imagePresence(docker, ref)).presence !== 'missing'
  if (plan.base) {
    // built FROM another catalog image: that one first (kept when current), so `--only tester` works
    const baseImage = IMAGE_CATALOG[plan.base.key] as CatalogImage & { key: CatalogKey }
    const base = await seedOne(baseImage, { ...context, force: false })
    if (base.outcome === 'failed' || base.outcome === 'unavailable')
      return {
        outcome: 'failed',
        detail: `its base image ${baseImage.ref} could not be made: ${base.detail ?? base.outcome}`,
      }
  }
  return withDirLock(join(cacheDir, 'locks', `image-${image.key}.lock`), IMAGE_LOCK_WAIT_MS, async () => {
    // Another seeder may have built it while this one waited for the lock.
    if (!context.force && (await current()))
      return { outcome: 'present', detail: `offline stand-in${pinned}` }
    await buildStandIn(plan, image.ref, cacheDir, imageExists, onStep, { noCache: context.force === true })
    if (before === 'stand-in' && previousId) await removeIfUntagged(previousId)
    return {
      outcome: 'seeded',
      detail: `offline stand-in, recipe ${plan.recipe.name}${pinned}${stale ? '; replaced a stale one' : ''}`,
    }
  })
}

/** A forced rebuild leaves the previous stand-in untagged; remove it unless a container still uses it. */
async function removeIfUntagged(imageId: string): Promise<void> {
  const tags = await runDocker(['image', 'inspect', '--format', '{{len .RepoTags}}', imageId], {
    timeoutMs: 30_000,
  }).catch(() => '')
  if (tags.trim() === '0') await runDocker(['image', 'rm', imageId], { timeoutMs: 60_000 }).catch(() => '')
}

async function tryPull(ref: string, canBuild: boolean, onStep: (message: string) => void): Promise<boolean> {
  onStep(`docker pull ${ref}`)
  try {
    await runDocker(['pull', '--quiet', ref], { timeoutMs: PULL_TIMEOUT_MS })
    return true
  } catch (error) {
    const why = (error instanceof Error ? error.message : String(error)).split('\n')[0]
    onStep(`pulling ${ref} failed (${why})${canBuild ? '; building the offline stand-in' : ''}`)
    return false
  }
}

/** The catalog entries `only` names, in catalog order; unknown names are a usage mistake. */
export function selectImages(
  only?: string[],
  catalog: Record<string, CatalogImage> = IMAGE_CATALOG,
): (CatalogImage & { key: CatalogKey })[] {
  const all = Object.values(catalog) as (CatalogImage & { key: CatalogKey })[]
  if (!only || only.length === 0) return all
  const matches = (image: CatalogImage, name: string) =>
    [image.key, image.ref, STAND_IN_RECIPES[image.key as CatalogKey]?.name].some(
      (candidate) => candidate?.toLowerCase() === name.toLowerCase(),
    )
  const unknown = only.filter((name) => !all.some((image) => matches(image, name)))
  if (unknown.length > 0) {
    throw new BadInputError(
      `Unknown image ${unknown.map((n) => `"${n}"`).join(', ')}.`,
      `Known images: ${all.map((i) => `${i.key} (${i.ref})`).join(', ')}.`,
    )
  }
  return all.filter((image) => only.some((name) => matches(image, name)))
}

async function reachableDocker(): Promise<Docker> {
  const endpoint = resolveDockerEndpoint()
  const hint = 'Start Docker (or set DOCKER_HOST), check it with `docker info`, then seed again.'
  if (!endpoint)
    throw new EnvironmentError('No Docker engine was found: DOCKER_HOST is unset and no socket exists.', hint)
  const docker = dockerClient(endpoint, 60_000)
  try {
    await docker.ping()
  } catch {
    throw new EnvironmentError(`The Docker engine at ${endpoint.address} does not answer.`, hint)
  }
  return docker
}

function describeFailure(error: unknown): string {
  if (error instanceof EnvironmentError) return error.hint ? `${error.message} ${error.hint}` : error.message
  return error instanceof Error ? error.message : String(error)
}

/** The exit code of a seeding run: 3 when any image could not be made (a pin it cannot get among them). */
export function seedExitCode(results: SeedResult[]): number {
  return results.some((r) => r.outcome === 'failed') ? ExitCode.environment : ExitCode.ok
}
