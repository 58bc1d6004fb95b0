import {
  describeCommit,
  expectBranch,
  type GitCheckContext,
  ScenarioBuilder,
  shortSha,
} from '@backend-labs/git-kit'
import { defineChecks, defineSuite, fail } from '@backend-labs/lab-kit'
import { ANSWER_TAG } from '../../../../labs/git/bisect-regression/scenario.ts'
import { answerCommit } from '../../../../labs/git/bisect-regression/slug-verdict.ts'
import { SLUG_ONE_PASS } from '../../../../labs/git/bisect-regression/slugkit-files.ts'
import { realBisect as bisect } from './real-bisect.ts'

const checks = defineChecks<GitCheckContext>('hidden', [
  {
    id: 'first-bad-on-main',
    title: `${ANSWER_TAG} names a commit in main's history`,
    points: 1,
    needs: ['first-bad-tag'],
    hints: ['Bisect the history of main; do not make new commits to answer.'],
    async run(ctx) {
      const repo = await ctx.repo()
      const graph = await repo.graph()
      const main = expectBranch(graph, 'main')
      const answer = await answerCommit(repo)
      if (graph.isAncestor(answer.sha, main.target)) return
      fail({
        expected: `${ANSWER_TAG} to name a commit of main, where the regression happened`,
        found: `${answer.label} is not in main's history`,
        where: `tag ${ANSWER_TAG}`,
        hint: `bisect main (\`git bisect start main <first commit>\`) and tag the commit it names: \`git tag -f ${ANSWER_TAG} <sha>\``,
      })
    },
  },
  {
    id: 'head-on-branch',
    title: 'Bisect was ended: HEAD is back on a branch',
    points: 1,
    hints: ['`git bisect reset` ends the session and returns you to the branch you started on.'],
    async run(ctx) {
      const repo = await ctx.repo()
      if (!repo.condition.detached) return
      const head = await repo.resolve('HEAD')
      const commit = head ? (await repo.graph()).commit(head) : undefined
      fail({
        expected: 'HEAD on a branch once bisecting is done',
        found: `HEAD is detached at ${commit ? describeCommit(commit) : shortSha(head ?? '')}`,
        hint: 'return to your branch with `git switch main`',
      })
    },
  },
])

async function shaOf(s: ScenarioBuilder, subject: string): Promise<string> {
  const sha = await s.git.text(['log', 'main', '--format=%H', '-F', `--grep=${subject}`])
  if (!/^[0-9a-f]{40}$/.test(sha)) throw new Error(`no single commit "${subject}" on main`)
  return sha
}

const REGRESSION = 'Collapse slug separators in one sed pass'

export default defineSuite<GitCheckContext>({
  checks,
  solution: {
    async apply(dir) {
      const s = ScenarioBuilder.open(dir)
      await s.tag(ANSWER_TAG, { ref: await bisect(s) })
    },
  },
  alternatives: [
    {
      id: 'annotated-tag',
      title: 'an annotated first-bad tag',
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await s.tag(ANSWER_TAG, { ref: await bisect(s), message: 'found with git bisect run sh test.sh' })
      },
    },
  ],
  fixtures: [
    { id: 'no-tag', title: 'bisected, but never tagged', fails: ['first-bad-tag'], async apply() {} },
    {
      id: 'tag-on-later-bad',
      title: 'tagged a bad commit that is not the first',
      fails: ['parent-passes'],
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await s.tag(ANSWER_TAG, { ref: await shaOf(s, 'Update changelog for 0.3.0') })
      },
    },
    {
      id: 'tag-on-last-good',
      title: 'tagged the last good commit',
      fails: ['tagged-commit-fails'],
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await s.tag(ANSWER_TAG, { ref: `${await shaOf(s, REGRESSION)}^` })
      },
    },
    {
      id: 'tag-on-root',
      title: 'tagged the first commit of the history',
      fails: ['tagged-commit-fails', 'parent-passes'],
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await s.tag(ANSWER_TAG, { ref: await s.git.text(['rev-list', '--max-parents=0', 'main']) })
      },
    },
    {
      id: 'tag-off-main',
      title: 'reproduced the bug on a new branch and tagged that commit',
      fails: ['first-bad-on-main'],
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await s.run(['switch', '-q', '-c', 'repro', `${await shaOf(s, REGRESSION)}^`])
        await s.commit('Reproduce the slug bug', { files: { 'lib/slug.sh': SLUG_ONE_PASS } })
        await s.tag(ANSWER_TAG)
        await s.checkout('main')
      },
    },
    {
      id: 'reverted-on-main',
      title: 'tagged the right commit, then reverted it on main',
      fails: ['main-unchanged'],
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        const sha = await bisect(s)
        await s.tag(ANSWER_TAG, { ref: sha })
        await s.run(['revert', '--no-edit', sha])
      },
    },
    {
      id: 'tag-on-own-fix',
      title: 'tagged a commit of their own that rewrites lib/slug.sh',
      fails: ['tagged-commit-fails', 'first-bad-on-main'],
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await s.run(['switch', '-q', '-c', 'fix', `${await shaOf(s, REGRESSION)}^`])
        await s.commit('Try another slugify', { files: { 'lib/slug.sh': 'slugify() { echo "$1"; }\n' } })
        await s.tag(ANSWER_TAG)
        await s.checkout('main')
      },
    },
    {
      id: 'left-detached',
      title: 'right tag, but HEAD left detached on an old commit',
      fails: ['head-on-branch'],
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        const sha = await bisect(s)
        await s.tag(ANSWER_TAG, { ref: sha })
        await s.run(['checkout', '-q', '--detach', sha])
      },
    },
  ],
})
