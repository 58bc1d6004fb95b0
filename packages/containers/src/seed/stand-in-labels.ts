/** Labels the seeder puts on what it builds; `org.backend-labs.stand-in` matches LABEL.standIn. */
export const STAND_IN_LABEL = {
  standIn: 'org.backend-labs.stand-in',
  recipe: 'org.backend-labs.stand-in.recipe',
  /** sha256 of the recipe and the catalog's pins it was built from (see `standInPlan`). */
  recipeHash: 'org.backend-labs.stand-in.recipe-hash',
  /** On the imported Debian root file systems the stand-ins are built FROM. */
  rootfs: 'org.backend-labs.stand-in.rootfs',
} as const

/** Where the imported Debian root file systems are tagged. */
export const ROOTFS_IMAGE_REPO = 'backend-labs/stand-in-rootfs'
