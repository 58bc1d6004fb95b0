import { describeCommit, type RepoView, shortSha } from '@backend-labs/git-kit'
import { fail } from '@backend-labs/lab-kit'
import { ANSWER_TAG } from './scenario.ts'
import { SLUG_ONE_PASS, SLUG_ONE_PASS_DOCUMENTED, SLUG_STEPS, SLUG_TABS, SLUG_V1 } from './slugkit-files.ts'

/** The script's first failure line, or its last line when every case passes. */
export interface TestVerdict {
  passed: boolean
  summary: string
}

const PASSES: TestVerdict = { passed: true, summary: 'all slug tests passed' }
const FAILS: TestVerdict = {
  passed: false,
  summary: "FAIL: slugify '  Trim me  ' gave 'trim-me-', expected 'trim-me'",
}

/**
 * What the lab's `sh test.sh` does with each `lib/slug.sh` the project's history holds (test.sh
 * reads nothing else). The grader never runs the learner's commits: it looks the file up here.
 * grader/test/bisect-slug-verdicts.test.ts proves this table against the real script.
 */
export const KNOWN_SLUG_VERSIONS: ReadonlyMap<string, TestVerdict> = new Map([
  [SLUG_V1, PASSES],
  [SLUG_TABS, PASSES],
  [SLUG_STEPS, PASSES],
  [SLUG_ONE_PASS, FAILS],
  [SLUG_ONE_PASS_DOCUMENTED, FAILS],
])

/**
 * Whether `sh test.sh` passes at `rev`, decided by comparing its `lib/slug.sh` with the versions
 * the scenario built. A version the project never had fails the check: the answer must be a
 * commit of the history the lab gave.
 */
export async function testVerdictAt(repo: RepoView, rev: string, label: string): Promise<TestVerdict> {
  const slug = await repo.fileAt(rev, 'lib/slug.sh')
  const known = slug === undefined ? undefined : KNOWN_SLUG_VERSIONS.get(slug)
  if (known) return known
  return fail({
    expected: `${ANSWER_TAG} and its parent to be commits of the slugkit history the lab started with`,
    found: `${label} has ${slug === undefined ? 'no lib/slug.sh' : 'a lib/slug.sh that no commit of that history has'}`,
    where: `tag ${ANSWER_TAG}`,
    hint: `tag a commit of main as it was given (\`git log --oneline main\`), not a commit you made: \`git tag -f ${ANSWER_TAG} <sha>\``,
  })
}

/** The commit the answer tag names, described for messages. */
export async function answerCommit(repo: RepoView): Promise<{ sha: string; label: string; parent?: string }> {
  const graph = await repo.graph()
  const tag = graph.tag(ANSWER_TAG)
  const commit = tag && graph.commit(tag.target)
  if (!tag || !commit)
    throw new Error(`tag ${ANSWER_TAG} is missing; the check should have needed first-bad-tag`)
  const answer = { sha: commit.sha, label: `${ANSWER_TAG} (${describeCommit(commit)})` }
  return commit.parents[0] ? { ...answer, parent: commit.parents[0] } : answer
}

/** A commit described for messages: its subject when the graph has it, else its short hash. */
export async function commitLabel(repo: RepoView, sha: string): Promise<string> {
  const commit = (await repo.graph()).commit(sha)
  return commit ? describeCommit(commit) : shortSha(sha)
}
