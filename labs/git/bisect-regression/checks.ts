import {
  describeCommit,
  expectBranch,
  expectTag,
  type GitCheckContext,
  type HardenedGit,
  scenarioSnapshot,
  shortSha,
} from '@backend-labs/git-kit'
import { defineChecks, fail } from '@backend-labs/lab-kit'
import scenario, { ANSWER_TAG } from './scenario.ts'
import { answerCommit, commitLabel, testVerdictAt } from './slug-verdict.ts'

/** main's tip as `labs start` created it (scenarios are deterministic). */
const startMain = (git: HardenedGit) => git.text(['rev-parse', 'refs/heads/main'])

export default defineChecks<GitCheckContext>('public', [
  {
    id: 'first-bad-tag',
    title: `A tag named ${ANSWER_TAG} exists`,
    points: 1,
    hints: ['`git bisect run sh test.sh` finds the commit for you; tag it after `git bisect reset`.'],
    async run(ctx) {
      const graph = await (await ctx.repo()).graph()
      const tag = expectTag(
        graph,
        ANSWER_TAG,
        `when bisect names the first bad commit, tag it: \`git tag ${ANSWER_TAG} <sha>\``,
      )
      if (graph.commit(tag.target)) return
      fail({
        expected: `${ANSWER_TAG} to name a commit`,
        found: `it points at ${shortSha(tag.target)}, which is not a commit`,
        where: `tag ${ANSWER_TAG}`,
        hint: `retag the commit: \`git tag -f ${ANSWER_TAG} <sha>\``,
      })
    },
  },
  {
    id: 'tagged-commit-fails',
    title: `The tests fail on the commit ${ANSWER_TAG} names`,
    points: 2,
    needs: ['first-bad-tag'],
    hints: ['Mark a commit `git bisect good` only when `sh test.sh` passes on it.'],
    async run(ctx) {
      const repo = await ctx.repo()
      const answer = await answerCommit(repo)
      const verdict = await testVerdictAt(repo, answer.sha, answer.label)
      if (!verdict.passed) return
      fail({
        expected: `${ANSWER_TAG} to name a commit on which \`sh test.sh\` fails`,
        found: `the tests pass on ${answer.label}: it is a good commit, so the regression came later`,
        where: `tag ${ANSWER_TAG}`,
        hint: `bisect again between it and main (\`git bisect start main ${shortSha(answer.sha)}\`), then move the tag with \`git tag -f ${ANSWER_TAG} <sha>\``,
      })
    },
  },
  {
    id: 'parent-passes',
    title: `The tests pass on the parent of ${ANSWER_TAG} (it is the first bad commit)`,
    points: 2,
    needs: ['first-bad-tag'],
    hints: ['The first bad commit is the oldest failing one: its parent still passes.'],
    async run(ctx) {
      const repo = await ctx.repo()
      const answer = await answerCommit(repo)
      if (!answer.parent) {
        fail({
          expected: `${ANSWER_TAG} to name the first commit on which the tests fail`,
          found: `${answer.label} is the very first commit, where the tests still passed`,
          where: `tag ${ANSWER_TAG}`,
          hint: 'start bisect with main as bad and the first commit as good: `git bisect start main <first commit>`',
        })
      }
      const parent = `its parent ${await commitLabel(repo, answer.parent)}`
      const verdict = await testVerdictAt(repo, answer.parent, parent)
      if (verdict.passed) return
      fail({
        expected: `the tests to pass on the parent of ${ANSWER_TAG}`,
        found: `they already fail on ${parent} (${verdict.summary}): ${ANSWER_TAG} is a bad commit, but not the first`,
        where: `tag ${ANSWER_TAG}`,
        hint: `bisect the older history (\`git bisect start ${shortSha(answer.parent)} <a good commit>\`), then move the tag with \`git tag -f ${ANSWER_TAG} <sha>\``,
      })
    },
  },
  {
    id: 'main-unchanged',
    title: 'main is left as it is',
    points: 1,
    // The first grade in a process rebuilds the scenario (24 commits) to learn main's start.
    timeoutMs: 60_000,
    hints: ['Bisecting only reads history: answer with a tag, not with commits on main.'],
    async run(ctx) {
      const graph = await (await ctx.repo()).graph()
      const main = expectBranch(graph, 'main')
      const start = await scenarioSnapshot(scenario, startMain)
      if (main.target === start) return
      const tip = graph.commit(main.target)
      const added = graph.isAncestor(start, main.target)
      fail({
        expected: 'main to end where it started, at "Release 0.4.0"',
        found: added
          ? `main has new commits, up to ${tip ? describeCommit(tip) : shortSha(main.target)}`
          : `main was rewritten: it now ends at ${tip ? describeCommit(tip) : shortSha(main.target)}`,
        where: 'branch main',
        hint: `put main back with \`git switch main && git reset --hard ${shortSha(start)}\` (keep your ${ANSWER_TAG} tag)`,
      })
    },
  },
])
