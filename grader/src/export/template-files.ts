import { HardenedGit } from '@backend-labs/git-kit'

/**
 * What never goes into the learners' repository: the hidden material and everything that quotes it
 * (tests and benchmarks grade solutions and fixtures), the instructor's CI, and learner work.
 * bench/package.json stays so the workspace matches the lockfile.
 */
const LEFT_OUT = [
  /^grader\/suites(\/|\.sealed$)/,
  /^grader\/\.unsealed-/,
  /^grader\/test\//,
  // the CLI's build (the `prepare` script) goes along; the demo grades solutions
  /^grader\/scripts\/(?!build-cli\.ts$)/,
  /\.test\.ts$/,
  /^bench\/(?!package\.json$)/,
  /^\.ci\//,
  /^\.github\//,
  /^README\.md$/,
  /^labs\/[^/]+\/[^/]+\/workspace(\.starting-[^/]*)?\//,
  /\.bundle$/,
]

/** True when a course file (path relative to the root) belongs in the learners' repository. */
export function isExported(path: string): boolean {
  return !LEFT_OUT.some((rule) => rule.test(path))
}

/** The course's files: tracked, plus untracked ones git does not ignore. */
export async function courseFiles(root: string): Promise<string[]> {
  const listed = await new HardenedGit(root).text([
    'ls-files',
    '-z',
    '--cached',
    '--others',
    '--exclude-standard',
  ])
  return [...new Set(listed.split('\0').filter(Boolean))].sort()
}
