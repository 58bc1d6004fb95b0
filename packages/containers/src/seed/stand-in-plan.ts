import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type CatalogImage, type CatalogKey, IMAGE_CATALOG, type ImagePins } from '../image-catalog.ts'
import { BASE_PACKAGES, type RootfsSpec, rootfsSlug } from './debian-rootfs.ts'
import { ROOTFS_IMAGE_REPO } from './stand-in-labels.ts'
import type { StandInRecipe } from './stand-in-recipe.ts'
import { STAND_IN_RECIPES } from './stand-in-recipes.ts'

/** Bump when the way a plan becomes an image changes in a way the hash inputs below do not show. */
const RECIPE_FORMAT = 2

/** Everything that decides a stand-in's content, derived without building anything. */
export interface StandInPlan {
  recipe: StandInRecipe
  pins: ImagePins
  /** The Debian root file system the Dockerfile builds FROM; absent when it builds FROM `base`. */
  rootfs?: RootfsSpec
  /** Another catalog image it builds FROM (seeded first); its plan's hash is part of this one's. */
  base?: { key: CatalogKey; ref: string; hash: string }
  /** What the Dockerfile builds FROM: the imported root file system, or the base image. */
  baseRef: string
  dockerfile: string
  /** sha256 of the recipe and its pins, recorded in the `recipe-hash` label. */
  hash: string
  /** Labels naming the versions the image carries. */
  versionLabels: Record<string, string>
}

/** The plan of a catalog image's stand-in; undefined when it has none (`offline: 'none'`). */
export function standInPlan(
  image: CatalogImage,
  catalog: Readonly<Record<string, CatalogImage>> = IMAGE_CATALOG,
): StandInPlan | undefined {
  const recipe = STAND_IN_RECIPES[image.key as keyof typeof STAND_IN_RECIPES]
  if (!recipe || image.offline === 'none') return undefined
  if (!image.pins) throw new Error(`the image catalog entry ${image.key} has a stand-in recipe but no pins`)
  const pins = image.pins
  const base = recipe.base ? basePlan(recipe.base, catalog) : undefined
  const rootfs: RootfsSpec | undefined = base
    ? undefined
    : { suite: pins.debianSuite, packages: pins.debian, ...recipe.rootfs }
  const baseRef = base ? base.ref : `${ROOTFS_IMAGE_REPO}:${rootfsSlug(rootfs!)}`
  const dockerfile = recipe.dockerfile(baseRef, pins)
  const hash = createHash('sha256')
    .update(
      stableJson({
        format: RECIPE_FORMAT,
        recipe: recipe.name,
        pins,
        ...(base ? { base: base.hash } : { basePackages: BASE_PACKAGES, excludes: rootfs?.excludes ?? [] }),
        dockerfile,
        files: recipe.files.map((url) => [basename(fileURLToPath(url)), readFileSync(url, 'utf8')]),
      }),
    )
    .digest('hex')
  return {
    recipe,
    pins,
    ...(rootfs ? { rootfs } : {}),
    ...(base ? { base } : {}),
    baseRef,
    dockerfile,
    hash,
    versionLabels: recipe.versionLabels(pins),
  }
}

/** The catalog image a recipe builds FROM, with its own plan's hash (a re-pinned base makes this stale). */
function basePlan(
  key: CatalogKey,
  catalog: Readonly<Record<string, CatalogImage>>,
): { key: CatalogKey; ref: string; hash: string } {
  const image = catalog[key]
  const plan = image && standInPlan(image, catalog)
  if (!image || !plan) throw new Error(`the stand-in base ${key} has no stand-in recipe of its own`)
  return { key, ref: image.ref, hash: plan.hash }
}

/** JSON with sorted object keys, so the hash does not depend on key order. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/** "node 22.23.5, npm 10.9.9, bookworm": the pinned versions, for a person. */
export function describePins(pins: ImagePins): string {
  const parts = [
    ...(pins.node ? [`node ${pins.node}`] : []),
    ...(pins.npm ? [`npm ${pins.npm}`] : []),
    ...Object.entries(pins.debian).map(([name, version]) => `${name} ${version}`),
    `debian ${pins.debianSuite}`,
  ]
  return parts.join(', ')
}
