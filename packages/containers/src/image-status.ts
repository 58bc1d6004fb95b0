import { EnvironmentError } from '@backend-labs/lab-kit'
import type Docker from 'dockerode'
import { type CatalogImage, IMAGE_CATALOG } from './image-catalog.ts'
import { LABEL } from './labels.ts'

export type ImagePresence = 'present' | 'missing' | 'stand-in'

export interface ImageStatus {
  image: CatalogImage
  presence: ImagePresence
  /** Image id when present. */
  id?: string
  sizeBytes?: number
}

/** Whether a local image answers to `ref`, and whether it is an offline stand-in. */
export async function imagePresence(
  docker: Docker,
  ref: string,
): Promise<{ presence: ImagePresence; id?: string; sizeBytes?: number }> {
  try {
    const info = await docker.getImage(ref).inspect()
    const standIn = info.Config?.Labels?.[LABEL.standIn] === 'true'
    return { presence: standIn ? 'stand-in' : 'present', id: info.Id, sizeBytes: info.Size }
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return { presence: 'missing' }
    throw error
  }
}

/** The presence of every catalog image, for `labs images` and `labs doctor`. */
export async function imageStatus(
  docker: Docker,
  catalog: Record<string, CatalogImage> = IMAGE_CATALOG,
): Promise<ImageStatus[]> {
  return Promise.all(
    Object.values(catalog).map(async (image) => ({ image, ...(await imagePresence(docker, image.ref)) })),
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
  const { presence } = await imagePresence(docker, ref)
  if (presence !== 'missing') return presence
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
