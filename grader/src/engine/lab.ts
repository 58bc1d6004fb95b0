import type { LabManifest } from '@backend-labs/lab-kit'

/** A lab as the engine knows it after loading its manifest. */
export interface Lab {
  /** `<track>/<slug>` */
  id: string
  track: string
  slug: string
  dir: string
  manifest: LabManifest
}
