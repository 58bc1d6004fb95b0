import { ProjectPaths } from '../engine/project-paths.ts'

/**
 * Where the batch takes what it trusts from: the labs (manifests, public checks) and the hidden
 * suites. Only the files a manifest declares come from a submission; everything else comes from here.
 */
export interface TrustedSources {
  /** The repository root holding `labs/` (and `pnpm-workspace.yaml`). */
  root: string
  /** The folder of hidden suites (`<track>/<slug>/suite.ts`). */
  suitesDir: string
  /** Where they came from, for messages (e.g. "this checkout", or a ref). */
  origin: string
}

/**
 * THE seam for the grade of record: resolves the trusted sources once per batch, in the parent
 * process, before any submission is graded; every worker then builds its paths from the result. Today
 * it takes this checkout (LABS_SUITES_DIR moves the suites, as for `labs grade`). The trusted-ref and
 * sealed-suite resolution (a course's upstream ref, `labs seal` with LABS_SEAL_KEY) plugs in here:
 * return the checked-out ref's root and the unsealed suites folder. Workers inherit the environment.
 */
export async function resolveTrustedSources(env: NodeJS.ProcessEnv = process.env): Promise<TrustedSources> {
  const paths = new ProjectPaths(env)
  return { root: paths.root, suitesDir: paths.suitesDir, origin: 'this checkout' }
}

/** The paths a worker grades with, built from resolved sources. */
export function pathsFor(sources: TrustedSources): ProjectPaths {
  return new ProjectPaths({ LABS_SUITES_DIR: sources.suitesDir }, sources.root)
}
