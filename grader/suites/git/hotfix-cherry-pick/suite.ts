import {
  describeCommit,
  expectBranch,
  type GitCheckContext,
  plural,
  ScenarioBuilder,
} from '@backend-labs/git-kit'
import { defineChecks, defineSuite, fail } from '@backend-labs/lab-kit'
import {
  commitChanges,
  filesLackingChange,
  findHotfix,
  publishedTip,
} from '../../../../labs/git/hotfix-cherry-pick/release-facts.ts'
import {
  HOTFIX_SUBJECT,
  RELEASE_BRANCH,
  RELEASE_TAG,
} from '../../../../labs/git/hotfix-cherry-pick/scenario.ts'

const checks = defineChecks<GitCheckContext>('hidden', [
  {
    id: 'release-excludes-main-features',
    title: `${RELEASE_BRANCH} received only the hotfix, none of main's new features`,
    points: 2,
    hints: ['A maintenance branch takes fixes only: cherry-pick the one commit instead of merging main.'],
    async run(ctx) {
      const repo = await ctx.repo()
      const graph = await repo.graph()
      const release = expectBranch(graph, RELEASE_BRANCH)
      const hotfix = findHotfix(graph)
      const mainOnly = graph.only(publishedTip(graph, 'main'), publishedTip(graph, RELEASE_BRANCH))
      const reachable = graph.ancestors(release.target)
      const merged = mainOnly.filter((c) => reachable.has(c.sha) && c.sha !== hotfix.sha)
      const copied = []
      for (const c of mainOnly) {
        if (c.sha === hotfix.sha || reachable.has(c.sha)) continue
        const lacking = await filesLackingChange(repo, await commitChanges(repo, c.sha), release.target)
        if (lacking.length === 0) copied.push(c)
      }
      if (merged.length === 0 && copied.length === 0) return
      const found = merged.length
        ? `${RELEASE_BRANCH} contains main's ${plural(merged.length, 'commit')} ${merged.map(describeCommit).join(', ')} (main was merged in, or the branch was moved onto main)`
        : `${RELEASE_BRANCH} has the changes of ${copied.map(describeCommit).join(', ')} (more than the hotfix was cherry-picked)`
      fail({
        expected: `${RELEASE_BRANCH} to get the hotfix ${describeCommit(hotfix)} and nothing else from main`,
        found,
        where: `branch ${RELEASE_BRANCH}`,
        hint: `rebuild it: \`git switch ${RELEASE_BRANCH} && git reset --hard origin/${RELEASE_BRANCH}\`, then cherry-pick only the hotfix`,
      })
    },
  },
  {
    id: 'release-history-kept',
    title: `${RELEASE_BRANCH} keeps its published history`,
    points: 1,
    hints: ['Others already have the release branch: add commits on top of it, never reset or rebase it.'],
    async run(ctx) {
      const graph = await (await ctx.repo()).graph()
      const release = expectBranch(graph, RELEASE_BRANCH)
      const published = publishedTip(graph, RELEASE_BRANCH)
      if (graph.isAncestor(published, release.target)) return
      const lost = graph.only(published, release.target)
      fail({
        expected: `${RELEASE_BRANCH} to build on origin/${RELEASE_BRANCH}`,
        found: `it lost ${plural(lost.length, 'published commit')}: ${lost.map(describeCommit).join(', ')}`,
        where: `branch ${RELEASE_BRANCH}`,
        hint: `start again from the published tip: \`git switch ${RELEASE_BRANCH} && git reset --hard origin/${RELEASE_BRANCH}\`, then cherry-pick the hotfix`,
      })
    },
  },
])

async function hotfixSha(s: ScenarioBuilder): Promise<string> {
  return s.git.text(['log', 'main', '--format=%H', '-F', `--grep=${HOTFIX_SUBJECT}`])
}

async function pickAndTag(dir: string, pickArgs: string[] = []): Promise<ScenarioBuilder> {
  const s = ScenarioBuilder.open(dir)
  await s.checkout(RELEASE_BRANCH)
  await s.run(['cherry-pick', ...pickArgs, await hotfixSha(s)])
  await s.run(['tag', '-a', RELEASE_TAG, '-m', 'cart-service 1.4.1: discount rounding fix'])
  return s
}

export default defineSuite<GitCheckContext>({
  checks,
  solution: {
    async apply(dir) {
      await pickAndTag(dir)
    },
  },
  alternatives: [
    {
      id: 'cherry-pick-x',
      title: 'cherry-pick -x (records the original sha in the message)',
      async apply(dir) {
        await pickAndTag(dir, ['-x'])
      },
    },
    {
      id: 'patch-applied-by-hand',
      title: 'the hotfix diff applied with git apply and committed under a new message',
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        const sha = await hotfixSha(s)
        const patch = (await s.git.run(['diff', `${sha}^`, sha])).stdout
        await s.checkout(RELEASE_BRANCH)
        await s.git.run(['apply', '--index'], { input: patch })
        await s.run(['commit', '-q', '-m', 'Backport: round discounted prices to the nearest cent'])
        await s.tag(RELEASE_TAG, { message: 'cart-service 1.4.1' })
      },
    },
  ],
  fixtures: [
    {
      id: 'lightweight-tag',
      title: 'hotfix picked, but v1.4.1 is a lightweight tag',
      fails: ['release-tag'],
      async apply(dir) {
        const s = await pickAndTag(dir)
        await s.run(['tag', '-d', RELEASE_TAG])
        await s.tag(RELEASE_TAG)
      },
    },
    {
      id: 'tag-before-pick',
      title: 'tagged the old release tip, then cherry-picked',
      fails: ['release-tag'],
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await s.checkout(RELEASE_BRANCH)
        await s.tag(RELEASE_TAG, { message: 'cart-service 1.4.1' })
        await s.run(['cherry-pick', await hotfixSha(s)])
      },
    },
    {
      id: 'tagged-main-hotfix',
      title: 'tagged the hotfix commit on main instead of backporting it',
      fails: ['release-has-hotfix', 'release-tag'],
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await s.tag(RELEASE_TAG, { message: 'cart-service 1.4.1', ref: await hotfixSha(s) })
      },
    },
    {
      id: 'merged-main',
      title: 'merged main into the release branch',
      fails: ['release-excludes-main-features'],
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await s.checkout(RELEASE_BRANCH)
        await s.merge('main', 'Merge main into release/1.4')
        await s.tag(RELEASE_TAG, { message: 'cart-service 1.4.1' })
      },
    },
    {
      id: 'range-picked',
      title: 'cherry-picked everything from v1.4.0 up to the hotfix',
      fails: ['release-excludes-main-features'],
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await s.checkout(RELEASE_BRANCH)
        await s.run(['cherry-pick', `v1.4.0..${await hotfixSha(s)}`])
        await s.tag(RELEASE_TAG, { message: 'cart-service 1.4.1' })
      },
    },
    {
      id: 'release-moved-to-main',
      title: 'moved release/1.4 to main and tagged it',
      fails: ['release-excludes-main-features', 'release-history-kept'],
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await s.run(['branch', '-f', RELEASE_BRANCH, 'main'])
        await s.tag(RELEASE_TAG, { message: 'cart-service 1.4.1', ref: RELEASE_BRANCH })
      },
    },
    {
      id: 'version-bump-on-main',
      title: 'correct backport, plus a stray commit on main',
      fails: ['main-unchanged'],
      async apply(dir) {
        const s = await pickAndTag(dir)
        await s.checkout('main')
        await s.commit('Bump version to 1.4.1', {
          files: { 'package.json': '{ "name": "cart-service", "version": "1.4.1" }\n' },
        })
      },
    },
  ],
})
