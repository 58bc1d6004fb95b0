import type { CatalogKey, ImagePins } from '../image-catalog.ts'
import type { RootfsSpec } from './debian-rootfs.ts'

/** What a recipe is handed to lay out the parts of its build context that must be fetched. */
export interface RecipeContext {
  /** The catalog's exact versions for this image. */
  pins: ImagePins
  /** The build context: the Dockerfile and the recipe's `files` are already there. */
  contextDir: string
  cacheDir: string
  onStep: (message: string) => void
}

/**
 * How one catalog image is made locally from Debian packages (and, for Node, npm packages). Every
 * input that decides the image's content is either a pin or returned by a pure function here, so
 * `recipeHash` can tell a stale image without building anything.
 */
export interface StandInRecipe {
  /** Recipe name, recorded in the `org.backend-labs.stand-in.recipe` label. */
  name: string
  catalogKey: CatalogKey
  /**
   * Another catalog image this one is built FROM (seeded first, and part of the recipe hash), instead
   * of a Debian root file system of its own; the pins are then that image's.
   */
  base?: CatalogKey
  /** Paths left out of the root file system; its suite and packages are the pins' (`debian`). */
  rootfs: Pick<RootfsSpec, 'excludes'>
  /** Files of ours copied into the build context root under their base name. */
  files: URL[]
  /** The Dockerfile, FROM `baseRef` (the imported root file system, or the `base` image) and the pins. */
  dockerfile(baseRef: string, pins: ImagePins): string
  /** Labels naming the versions the image carries (shown by `labs images`). */
  versionLabels(pins: ImagePins): Record<string, string>
  /** Fetches what the Dockerfile COPYs beyond `files` (exact pinned versions, or fails naming them). */
  prepare?(context: RecipeContext): Promise<void>
}
