import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CatalogImage, ImagePins } from '../image-catalog.ts'
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
  rootfs: RootfsSpec
  /** The imported root file system the Dockerfile builds FROM. */
  baseRef: string
  dockerfile: string
  /** sha256 of the recipe and its pins, recorded in the `recipe-hash` label. */
  hash: string
  /** Labels naming the versions the image carries. */
  versionLabels: Record<string, string>
}

/** The plan of a catalog image's stand-in; undefined when it has none (`offline: 'none'`). */
export function standInPlan(image: CatalogImage): StandInPlan | undefined {
  const recipe = STAND_IN_RECIPES[image.key as keyof typeof STAND_IN_RECIPES]
  if (!recipe || image.offline === 'none') return undefined
  if (!image.pins) throw new Error(`the image catalog entry ${image.key} has a stand-in recipe but no pins`)
  const pins = image.pins
  const rootfs: RootfsSpec = { suite: pins.debianSuite, packages: pins.debian, ...recipe.rootfs }
  const baseRef = `${ROOTFS_IMAGE_REPO}:${rootfsSlug(rootfs)}`
  const dockerfile = recipe.dockerfile(baseRef, pins)
  const hash = createHash('sha256')
    .update(
      stableJson({
        format: RECIPE_FORMAT,
        recipe: recipe.name,
        pins,
        basePackages: BASE_PACKAGES,
        excludes: rootfs.excludes ?? [],
        dockerfile,
        files: recipe.files.map((url) => [basename(fileURLToPath(url)), readFileSync(url, 'utf8')]),
      }),
    )
    .digest('hex')
  return { recipe, pins, rootfs, baseRef, dockerfile, hash, versionLabels: recipe.versionLabels(pins) }
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
