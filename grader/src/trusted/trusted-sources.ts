import { HardenedGit } from '@backend-labs/git-kit'
import { EnvironmentError } from '@backend-labs/lab-kit'

/** What must come from the course's trusted ref: lab definitions, checks, grader, packages, lockfile, CI. */
export const TRUSTED_PATHS = [
  'labs',
  'grader',
  'packages',
  '.ci',
  'package.json',
  'pnpm-lock.yaml',
  'pnpm-workspace.yaml',
  'tsconfig.base.json',
  'turbo.json',
]

/** Learner areas inside labs/: workspaces and submitted bundles are never part of the trusted tree. */
const LEARNER_AREAS = [':(exclude,glob)labs/*/*/workspace/**', ':(exclude,glob)labs/*/*/*.bundle']

/** The trusted ref as resolved: the commit whose grader, labs and checks this run uses. */
export interface TrustedSources {
  ref: string
  commit: string
  root: string
}

/**
 * Resolves the course's trusted ref (`--trusted-ref` or LABS_TRUSTED_REF) in the course repository
 * at `root`, and proves that the grader, labs, checks, packages and lockfile being run are exactly
 * that commit's: any tracked change or untracked file under them is an environment error (exit 3).
 * The grade of record then takes only manifest-declared files from a submission.
 */
export async function resolveTrustedSources(options: { root: string; ref: string }): Promise<TrustedSources> {
  const git = new HardenedGit(options.root)
  const found = await git.run(['rev-parse', '--verify', '--quiet', `${options.ref}^{commit}`], {
    allowFailure: true,
  })
  if (found.code !== 0)
    throw new EnvironmentError(
      `the trusted ref "${options.ref}" is not a commit of the course repository at ${options.root}`,
      'fetch it first (git fetch origin), or set LABS_TRUSTED_REF to the course commit to grade with',
    )
  const commit = found.stdout.trim()
  const pathspec = ['--', ...TRUSTED_PATHS, ...LEARNER_AREAS]
  const changed = (await git.text(['diff', '--name-only', '--no-renames', commit, ...pathspec]))
    .split('\n')
    .filter(Boolean)
  const untracked = (await git.text(['ls-files', '--others', '--exclude-standard', ...pathspec]))
    .split('\n')
    .filter(Boolean)
  const differing = [...new Set([...changed, ...untracked])].sort()
  if (differing.length)
    throw new EnvironmentError(
      `the grader is not running from the trusted ref ${options.ref} (${commit.slice(0, 12)}): ${differing.length} file${differing.length === 1 ? ' differs' : 's differ'}: ${differing.slice(0, 8).join(', ')}${differing.length > 8 ? ', …' : ''}`,
      `check out the trusted ref first (git checkout --force ${commit.slice(0, 12)} && git clean -fdx -- ${TRUSTED_PATHS.join(' ')}), then pnpm install --frozen-lockfile`,
    )
  return { ref: options.ref, commit, root: options.root }
}
