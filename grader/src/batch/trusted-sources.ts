import { EnvironmentError } from '@backend-labs/lab-kit'
import { ProjectPaths } from '../engine/project-paths.ts'
import { resolveSuiteSource } from '../seal/open-sealed-suites.ts'
import { resolveTrustedSources as proveTrustedRef } from '../trusted/trusted-sources.ts'

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
 * The seam for the grade of record: resolves the trusted sources once per batch, in the parent
 * process, before any submission is graded; every worker then builds its paths from the result.
 * - With LABS_TRUSTED_REF, the running grader, labs, checks and lockfile must be exactly that commit
 *   (else exit 3), as for `labs grade --trusted-ref`.
 * - Hidden suites come from grader/suites in the clear, or from the sealed bundle opened with
 *   LABS_SEAL_KEY (a private folder removed when the batch process exits). A sealed course without
 *   the key cannot give a grade of record: exit 3.
 */
export async function resolveTrustedSources(env: NodeJS.ProcessEnv = process.env): Promise<TrustedSources> {
  const paths = new ProjectPaths(env)
  let origin = 'this checkout'
  if (env.LABS_TRUSTED_REF) {
    const trusted = await proveTrustedRef({ root: paths.root, ref: env.LABS_TRUSTED_REF })
    origin = `trusted ref ${trusted.ref} (${trusted.commit.slice(0, 12)})`
  }
  const suites = await resolveSuiteSource(paths, env)
  if (suites.kind === 'sealed')
    throw new EnvironmentError(
      'the hidden checks of this course are sealed, and LABS_SEAL_KEY is not set: a batch without them is no grade of record',
      'set LABS_SEAL_KEY to the course key (a CI secret of the grading repository), then run the batch again',
    )
  if (suites.kind === 'unsealed') origin += ', hidden checks unsealed with LABS_SEAL_KEY'
  return { root: paths.root, suitesDir: suites.paths.suitesDir, origin }
}

/** The paths a worker grades with, built from resolved sources. */
export function pathsFor(sources: TrustedSources): ProjectPaths {
  return new ProjectPaths({ LABS_SUITES_DIR: sources.suitesDir }, sources.root)
}
