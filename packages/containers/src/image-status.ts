import { EnvironmentError } from '@backend-labs/lab-kit'
import type Docker from 'dockerode'
import { type CatalogImage, IMAGE_CATALOG } from './image-catalog.ts'
import { LABEL } from './labels.ts'
import { STAND_IN_LABEL } from './seed/stand-in-labels.ts'
import { describePins, standInPlan } from './seed/stand-in-plan.ts'

export type ImagePresence = 'present' | 'missing' | 'stand-in'

/** What a local image answers to a ref. */
export interface ImagePresenceInfo {
  presence: ImagePresence
  /** Image id when present. */
  id?: string
  sizeBytes?: number
  /** The image's labels (a stand-in's recipe hash and versions among them). */
  labels?: Record<string, string>
}

export interface ImageStatus extends ImagePresenceInfo {
  image: CatalogImage
  /**
   * For a stand-in: true when it was built from another recipe or other pins than the catalog's
   * now (`labs images seed` rebuilds it). Never set for a real image.
   */
  stale?: boolean
  /** The versions the catalog pins, for a person ("node 22.23.5, npm 10.9.9, debian bookworm"). */
  pinned?: string
}

/** Whether a local image answers to `ref`, and whether it is an offline stand-in. */
export async function imagePresence(docker: Docker, ref: string): Promise<ImagePresenceInfo> {
  try {
    const info = await docker.getImage(ref).inspect()
    const labels = info.Config?.Labels ?? {}
    const standIn = labels[LABEL.standIn] === 'true'
    return { presence: standIn ? 'stand-in' : 'present', id: info.Id, sizeBytes: info.Size, labels }
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return { presence: 'missing' }
    throw error
  }
}

/** A stand-in is stale when its recipe hash is not the one the catalog's recipe and pins give now. */
export function isStaleStandIn(image: CatalogImage, found: ImagePresenceInfo): boolean {
  if (found.presence !== 'stand-in') return false
  const plan = standInPlan(image)
  return !!plan && found.labels?.[STAND_IN_LABEL.recipeHash] !== plan.hash
}

/** The presence, freshness and pinned versions of every catalog image, for `labs images` and `labs doctor`. */
export async function imageStatus(
  docker: Docker,
  catalog: Record<string, CatalogImage> = IMAGE_CATALOG,
): Promise<ImageStatus[]> {
  return Promise.all(
    Object.values(catalog).map(async (image) => {
      const found = await imagePresence(docker, image.ref)
      return {
        image,
        ...found,
        ...(isStaleStandIn(image, found) ? { stale: true } : {}),
        ...(image.pins ? { pinned: describePins(image.pins) } : {}),
      }
    }),
  )
}

/**
 * Refuses a stand-in built from other versions than the catalog pins: a grade never silently runs
 * on other versions. Real images and current stand-ins pass.
 */
export function requireCurrentStandIn(ref: string, found: ImagePresenceInfo): void {
  const image = (Object.values(IMAGE_CATALOG) as CatalogImage[]).find((i) => i.ref === ref)
  if (!image || !isStaleStandIn(image, found)) return
  throw new EnvironmentError(
    `The offline stand-in ${ref} on this machine was built from another recipe than the one the image catalog pins now (${image.pins ? describePins(image.pins) : 'its recipe changed'}).`,
    'Run `pnpm labs images seed` to rebuild it, then grade again.',
  )
}

export interface EnsureImageOptions {
  /** Never try the registry (also when `LABS_OFFLINE=1`). */
  offline?: boolean
  pullTimeoutMs?: number
}

/**
 * Makes `ref` available locally: nothing to do when present; otherwise one pull, unless offline.
 * A failed or impossible pull is an EnvironmentError naming the image and the seeding command.
 */
export async function ensureImage(
  docker: Docker,
  ref: string,
  options: EnsureImageOptions = {},
): Promise<ImagePresence> {
  const found = await imagePresence(docker, ref)
  requireCurrentStandIn(ref, found)
  if (found.presence !== 'missing') return found.presence
  const offline = options.offline ?? process.env.LABS_OFFLINE === '1'
  if (offline) throw missingImageError(ref, 'pulling is switched off (offline mode)')
  try {
    await pull(docker, ref, options.pullTimeoutMs ?? 10 * 60_000)
  } catch (error) {
    throw missingImageError(ref, `it could not be pulled (${firstLine(error)})`)
  }
  return 'present'
}

function missingImageError(ref: string, why: string): EnvironmentError {
  const entry = Object.values(IMAGE_CATALOG).find((i) => i.ref === ref)
  const hint =
    entry?.offline === 'none'
      ? `${ref} has no offline stand-in: connect to a network that reaches its registry, or skip this lab's live checks.`
      : 'Run `pnpm labs images seed` to build the offline stand-ins, then try again.'
  return new EnvironmentError(`The image ${ref} is not on this machine and ${why}.`, hint)
}

async function pull(docker: Docker, ref: string, timeoutMs: number): Promise<void> {
  const abort = new AbortController()
  const timer = setTimeout(() => abort.abort(), timeoutMs)
  try {
    const stream = await docker.pull(ref, { abortSignal: abort.signal })
    await new Promise<void>((resolve, reject) => {
      docker.modem.followProgress(stream, (err: Error | null, events: { error?: string }[]) => {
        const failed = events?.find((e) => e.error)
        if (err || failed) reject(err ?? new Error(failed?.error))
        else resolve()
      })
    })
  } finally {
    clearTimeout(timer)
  }
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return (text.split('\n')[0] ?? text).replace(/^\(HTTP code \d+\) [a-z ]+ - /, '').slice(0, 200)
}
