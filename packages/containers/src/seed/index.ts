export { formatSeedResult } from './format-seed-result.ts'
export { seedCacheDir } from './seed-cache.ts'
export {
  type SeedImagesOptions,
  type SeedOutcome,
  type SeedProgress,
  type SeedResult,
  seedExitCode,
  seedImages,
  selectImages,
} from './seed-images.ts'
export { ROOTFS_IMAGE_REPO, STAND_IN_LABEL } from './stand-in-labels.ts'
export { describePins, type StandInPlan, standInPlan } from './stand-in-plan.ts'
export type { StandInRecipe } from './stand-in-recipe.ts'
export { STAND_IN_RECIPES } from './stand-in-recipes.ts'
