import {
  describeCommit,
  expectBranch,
  type GitServerCheckContext,
  plural,
  shortSha,
} from '@backend-labs/git-kit'
import { defineChecks, fail } from '@backend-labs/lab-kit'
import { TAG, upstreamSnapshot } from './upstream-snapshot.ts'

const describeOn = (subject: string, sha: string) => `${shortSha(sha)} "${subject}"`

export default defineChecks<GitServerCheckContext>('public', [
  {
    id: 'feature-rebased',
    title: 'feature sits on top of the current origin/main, with no merge commits',
    points: 2,
    // The first grade in a process rebuilds the scenario to learn the remote as it started.
    timeoutMs: 60_000,
    hints: ["`git fetch origin` first: your origin/main is older than the remote's main."],
    async run(ctx) {
      const graph = await (await ctx.repo()).graph()
      const feature = expectBranch(graph, 'feature')
      const { mainCommits, mainTip } = await upstreamSnapshot()
      const mine = graph.ancestors(feature.target)
      const behind = mainCommits.filter((c) => !mine.has(c.sha))
      if (behind.length > 0) {
        fail({
          expected: `feature to contain every commit of origin/main (now at ${shortSha(mainTip)})`,
          found: `feature is ${plural(behind.length, 'commit')} behind origin/main: fetch, then rebase feature onto origin/main (missing ${behind.map((c) => describeOn(c.subject, c.sha)).join(', ')})`,
          where: 'branch feature',
          hint: '`git fetch origin`, then on feature: `git rebase origin/main`',
        })
      }
      const merges = graph.only(feature.target, mainTip).filter((c) => c.parents.length > 1)
      if (merges.length > 0) {
        fail({
          expected: 'feature to be rebased onto origin/main: its own commits on top, no merge commits',
          found: `${plural(merges.length, 'merge commit')} on feature: ${merges.map(describeCommit).join(', ')}`,
          where: 'branch feature',
          hint: 'move feature back to its last commit before the merge (`git reset --hard <commit>`, `git reflog feature` lists them), then `git rebase origin/main`',
        })
      }
    },
  },
  {
    id: 'feature-pushed',
    title: 'origin has a branch feature, at the tip of your rebased feature',
    points: 2,
    // Whichever check asks for the remote first waits for the git server to start (1-2 s; far more
    // on a loaded machine) and for the replay.
    timeoutMs: 60_000,
    hints: ['`git push -u origin feature` publishes it as a new branch on origin.'],
    async run(ctx) {
      const local = expectBranch(await (await ctx.repo()).graph(), 'feature')
      const remote = await ctx.remote()
      const onOrigin = (await remote.refs()).find((r) => r.name === 'refs/heads/feature')
      if (!onOrigin) {
        const branches = (await remote.refs())
          .filter((r) => r.name.startsWith('refs/heads/'))
          .map((r) => r.name.slice('refs/heads/'.length))
        fail({
          expected: 'a branch feature on origin',
          found: `origin has only ${branches.join(', ') || 'no branches'}`,
          where: 'origin',
          hint: 'push it: `git push -u origin feature`',
        })
      }
      if (onOrigin.target === local.target) return
      const graph = await remote.graph()
      const there = graph.commit(onOrigin.target)
      const older = graph.commit(local.target) && graph.isAncestor(onOrigin.target, local.target)
      fail({
        expected: `origin's feature to be your feature (${shortSha(local.target)})`,
        found: `origin's feature is at ${there ? describeCommit(there) : shortSha(onOrigin.target)}${older ? ', an older state of your branch' : ''}`,
        where: 'origin/feature',
        hint: older
          ? 'push again: `git push origin feature`'
          : 'if you rebased after pushing, replace your own branch on origin with `git push --force-with-lease origin feature` (never do that to main)',
      })
    },
  },
  {
    id: 'tag-pushed',
    title: `origin has the annotated tag ${TAG} on the tip of feature`,
    points: 2,
    timeoutMs: 30_000,
    hints: [`\`git tag -a ${TAG} -m "…" feature\`, then \`git push origin ${TAG}\`.`],
    async run(ctx) {
      const graph = await (await ctx.repo()).graph()
      const feature = expectBranch(graph, 'feature')
      const tag = (await (await ctx.remote()).refs()).find((r) => r.name === `refs/tags/${TAG}`)
      if (!tag) {
        fail({
          expected: `a tag ${TAG} on origin`,
          found: graph.tag(TAG)
            ? `none: you created ${TAG} locally but did not push it (tags are not pushed with branches)`
            : `no tag ${TAG}, neither on origin nor in your repository`,
          where: 'origin',
          hint: `\`git push origin ${TAG}\`${graph.tag(TAG) ? '' : ` after \`git tag -a ${TAG} -m "…" feature\``}`,
        })
      }
      if (!tag.annotated) {
        fail({
          expected: `${TAG} to be an annotated tag (with a tagger, a date and a message)`,
          found: 'a lightweight tag: a bare name for a commit',
          where: `tag ${TAG} on origin`,
          hint: `recreate it with \`git tag -f -a ${TAG} -m "…" feature\` and replace the one on origin with \`git push --force origin ${TAG}\``,
        })
      }
      if (tag.target === feature.target) return
      const at = graph.commit(tag.target)
      fail({
        expected: `${TAG} to point at the tip of your rebased feature (${shortSha(feature.target)})`,
        found: `it points at ${at ? describeCommit(at) : shortSha(tag.target)}`,
        where: `tag ${TAG} on origin`,
        hint: `move it: \`git tag -f -a ${TAG} -m "…" feature\`, then \`git push --force origin ${TAG}\``,
      })
    },
  },
])
