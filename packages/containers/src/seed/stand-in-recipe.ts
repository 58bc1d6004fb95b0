import type { CatalogKey } from '../image-catalog.ts'
import type { RootfsSpec } from './debian-rootfs.ts'

/** What a recipe is handed to lay out its build context. */
export interface RecipeContext {
  /** The imported Debian root file system to build FROM. */
  baseRef: string
  /** An empty temp dir: write the Dockerfile and the files it COPYs here. */
  contextDir: string
  cacheDir: string
  onStep: (message: string) => void
}

/** How one catalog image is made locally from Debian packages (and, for Node, npm packages). */
export interface StandInRecipe {
  /** Recipe name, recorded in the `org.backend-labs.stand-in.recipe` label. */
  name: string
  catalogKey: CatalogKey
  rootfs: RootfsSpec
  /** Writes the Dockerfile; resolves extra labels for the image (versions it carries). */
  prepare(context: RecipeContext): Promise<Record<string, string>>
}
