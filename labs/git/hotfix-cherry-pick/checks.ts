import {
  describeCommit,
  expectBranch,
  expectTag,
  type GitCheckContext,
  plural,
  shortSha,
} from '@backend-labs/git-kit'
import { defineChecks, fail } from '@backend-labs/lab-kit'
import {
  cherryPickHint,
  commitChanges,
  filesLackingChange,
  findHotfix,
  publishedTip,
} from './release-facts.ts'
import { RELEASE_BRANCH, RELEASE_TAG } from './scenario.ts'

export default defineChecks<GitCheckContext>('public', [
  {
    id: 'release-has-hotfix',
    title: `${RELEASE_BRANCH} contains the hotfix's change`,
    points: 3,
    hints: [
      '`git log main --oneline` shows the hotfix; `git cherry-pick <sha>` copies one commit onto your branch.',
    ],
    async run(ctx) {
      const repo = await ctx.repo()
      const graph = await repo.graph()
      const release = expectBranch(graph, RELEASE_BRANCH)
      const hotfix = findHotfix(graph)
      const lacking = await filesLackingChange(repo, await commitChanges(repo, hotfix.sha), release.target)
      if (lacking.length === 0) return
      fail({
        expected: `${RELEASE_BRANCH} to contain the change of the hotfix ${describeCommit(hotfix)}`,
        found: `${lacking.join(', ')} on ${RELEASE_BRANCH} does not have it`,
        where: `branch ${RELEASE_BRANCH}`,
        hint: cherryPickHint(RELEASE_BRANCH, hotfix),
      })
    },
  },
  {
    id: 'release-tag',
    title: `An annotated tag ${RELEASE_TAG} marks the tip of ${RELEASE_BRANCH}`,
    points: 2,
    hints: [
      `\`git tag -a ${RELEASE_TAG} -m "cart-service ${RELEASE_TAG.slice(1)}"\` tags the commit you are on.`,
    ],
    async run(ctx) {
      const graph = await (await ctx.repo()).graph()
      const tag = expectTag(
        graph,
        RELEASE_TAG,
        `tag the tip of ${RELEASE_BRANCH}: \`git tag -a ${RELEASE_TAG} -m "…" ${RELEASE_BRANCH}\``,
      )
      if (!tag.annotated) {
        fail({
          expected: `${RELEASE_TAG} to be an annotated tag (with a tagger, a date and a message)`,
          found: 'a lightweight tag',
          where: `tag ${RELEASE_TAG}`,
          hint: `recreate it: \`git tag -d ${RELEASE_TAG} && git tag -a ${RELEASE_TAG} -m "…" ${RELEASE_BRANCH}\``,
        })
      }
      const release = expectBranch(graph, RELEASE_BRANCH)
      if (tag.target === release.target) return
      const at = graph.commit(tag.target)
      fail({
        expected: `${RELEASE_TAG} to point at the tip of ${RELEASE_BRANCH} (${shortSha(release.target)})`,
        found: `it points at ${at ? describeCommit(at) : shortSha(tag.target)}`,
        where: `tag ${RELEASE_TAG}`,
        hint: `move it: \`git tag -f -a ${RELEASE_TAG} -m "…" ${RELEASE_BRANCH}\``,
      })
    },
  },
  {
    id: 'main-unchanged',
    title: 'main is left as published (it already has the hotfix)',
    points: 1,
    hints: ['The fix is already on main; only the release branch needs it.'],
    async run(ctx) {
      const graph = await (await ctx.repo()).graph()
      const main = expectBranch(graph, 'main')
      const published = publishedTip(graph, 'main')
      if (main.target === published) return
      const extra = graph.only(main.target, published)
      const lost = graph.only(published, main.target)
      fail({
        expected: 'main to be exactly what origin/main has',
        found: lost.length
          ? `main was rewritten: it lacks ${plural(lost.length, 'published commit')} (${lost.map(describeCommit).join(', ')})`
          : `main has ${plural(extra.length, 'new commit')}: ${extra.map(describeCommit).join(', ')}`,
        where: 'branch main',
        hint: 'put main back with `git branch -f main origin/main` (or `git reset --hard origin/main` while on main); work on the release branch instead',
      })
    },
  },
])
