import type { CatalogKey } from '../image-catalog.ts'
import { gitServerRecipe } from './git-server-recipe.ts'
import { nodeRecipe } from './node-recipe.ts'
import { postgresRecipe } from './postgres-recipe.ts'
import type { StandInRecipe } from './stand-in-recipe.ts'
import { testerRecipe } from './tester-recipe.ts'

/** The recipe of every catalog image that can be made offline (`offline: 'seed' | 'build'`). */
export const STAND_IN_RECIPES: Partial<Record<CatalogKey, StandInRecipe>> = {
  node: nodeRecipe,
  postgres: postgresRecipe,
  gitServer: gitServerRecipe,
  tester: testerRecipe,
}
