import { describeCommit, type GitServerCheckContext, shortSha } from '@backend-labs/git-kit'
import { defineChecks, defineSuite, fail } from '@backend-labs/lab-kit'
import { TAG, upstreamSnapshot } from '../../../../labs/git/remote-upstream/upstream-snapshot.ts'
import { LearnerSteps } from './learner-steps.ts'

const checks = defineChecks<GitServerCheckContext>('hidden', [
  {
    id: 'main-unchanged-on-origin',
    title: "origin's main still ends at the teammate's commit: shared history is not rewritten",
    points: 2,
    timeoutMs: 30_000,
    hints: ['Only your own branch may be rewritten; main is shared, so never force-push it.'],
    async run(ctx) {
      const remote = await ctx.remote()
      const { mainTip, teammateCommits } = await upstreamSnapshot()
      const teammate = teammateCommits[0]!
      const refused = remote.rejected.find((r) => r.ref === 'refs/heads/main')
      if (refused) {
        fail({
          expected: `main on origin to stay at ${shortSha(mainTip)} "${teammate.subject}"`,
          found: `your push to main ${refused.kind === 'delete' ? 'deletes it' : 'rewrites its history'}, which a protected server refuses (\`${refused.message.split('\n').pop()}\`)`,
          where: 'origin/main',
          hint: `put it back with \`git push --force origin ${shortSha(mainTip)}:main\`, and push only feature and the tag`,
        })
      }
      const main = (await remote.refs()).find((r) => r.name === 'refs/heads/main')
      if (main?.target === mainTip) return
      const now = main && (await remote.graph()).commit(main.target)
      fail({
        expected: `main on origin to stay at ${shortSha(mainTip)} "${teammate.subject}"`,
        found: now
          ? `it moved to ${describeCommit(now)}: this lab publishes feature as a branch of its own, not merged into main`
          : 'origin has no main',
        where: 'origin/main',
        hint: `put it back with \`git push --force origin ${shortSha(mainTip)}:main\``,
      })
    },
  },
  {
    id: 'origin-feature-linear',
    title: "origin's feature has no merge commits on top of main",
    points: 1,
    timeoutMs: 30_000,
    needs: ['feature-pushed'],
    hints: ['Rebase rather than merge origin/main into feature.'],
    async run(ctx) {
      const graph = await (await ctx.remote()).graph()
      const { mainTip } = await upstreamSnapshot()
      const feature = graph.branch('feature')!
      const merges = graph.only(feature.target, mainTip).filter((c) => c.parents.length > 1)
      if (merges.length === 0) return
      fail({
        expected: "a linear feature on origin: the team's main, then your commits",
        found: `merge commits: ${merges.map(describeCommit).join(', ')}`,
        where: 'origin/feature',
        hint: 'rebase feature onto origin/main instead, then `git push --force-with-lease origin feature`',
      })
    },
  },
  {
    id: 'teammate-commit-in-feature',
    title: "origin's feature contains the teammate's commit itself (not a copy, not an old base)",
    points: 1,
    timeoutMs: 30_000,
    needs: ['feature-pushed'],
    hints: ["Rebasing onto the fetched origin/main keeps the teammate's commit as it is."],
    async run(ctx) {
      const graph = await (await ctx.remote()).graph()
      const { teammateCommits } = await upstreamSnapshot()
      const feature = graph.branch('feature')!
      const mine = graph.ancestors(feature.target)
      const missing = teammateCommits.filter((c) => !mine.has(c.sha))
      if (missing.length === 0) return
      const copies = [...mine].filter((sha) => missing.some((m) => graph.commit(sha)?.subject === m.subject))
      fail({
        expected: `origin's feature to be built on ${missing.map((c) => `${shortSha(c.sha)} "${c.subject}" by ${c.authorName}`).join(', ')}`,
        found: copies.length
          ? `a copy of it with another hash (${copies.map(shortSha).join(', ')}): it was cherry-picked or rewritten`
          : 'feature was built on an older main, without it',
        where: 'origin/feature',
        hint: '`git fetch origin && git rebase origin/main` on feature, then `git push --force-with-lease origin feature`',
      })
    },
  },
])

export default defineSuite<GitServerCheckContext>({
  checks,
  solution: {
    apply: (dir) => new LearnerSteps(dir).solve(),
  },
  alternatives: [
    {
      id: 'pull-rebase-follow-tags',
      title: 'git pull --rebase, another tag message, one push with --follow-tags',
      async apply(dir) {
        const l = new LearnerSteps(dir)
        await l.git('pull', '-q', '--rebase', 'origin', 'main')
        await l.tag('First release candidate of 1.1')
        await l.git('push', '-q', '--follow-tags', '-u', 'origin', 'feature')
      },
    },
    {
      id: 'pushed-before-rebase',
      title:
        'Pushed feature first, then fetched, rebased, force-pushed with lease; main fast-forwarded locally',
      async apply(dir) {
        const l = new LearnerSteps(dir)
        await l.pushFeature()
        await l.fetchAndRebase()
        await l.pushFeature('--force-with-lease')
        await l.git('switch', '-q', 'main')
        await l.git('merge', '-q', '--ff-only', 'origin/main')
        await l.git('push', '-q', 'origin', 'main')
        await l.git('switch', '-q', 'feature')
        await l.tag()
        await l.pushTag()
      },
    },
    {
      id: 'retagged-with-force',
      title: 'Pushed a tag on the wrong commit, then replaced it with tag -f and push --force (the tips)',
      async apply(dir) {
        const l = new LearnerSteps(dir)
        await l.fetchAndRebase()
        await l.pushFeature()
        await l.git('tag', '-a', TAG, '-m', 'Release candidate 1', 'feature~1')
        await l.pushTag()
        await l.git('tag', '-f', '-a', TAG, '-m', 'Release candidate 1 for 1.1.0', 'feature')
        await l.git('push', '-q', '--force', 'origin', TAG)
      },
    },
  ],
  fixtures: [
    {
      id: 'forgot-to-fetch',
      title: 'Rebased onto the stale origin/main (never fetched), pushed feature and the tag',
      fails: ['feature-rebased', 'teammate-commit-in-feature'],
      async apply(dir) {
        const l = new LearnerSteps(dir)
        await l.git('rebase', '-q', 'origin/main')
        await l.pushFeature()
        await l.tag()
        await l.pushTag()
      },
    },
    {
      id: 'merged-origin-main',
      title: 'Fetched and merged origin/main into feature instead of rebasing',
      fails: ['feature-rebased', 'origin-feature-linear'],
      async apply(dir) {
        const l = new LearnerSteps(dir)
        await l.git('fetch', '-q', 'origin')
        await l.git(
          'merge',
          '-q',
          '--no-ff',
          '-m',
          "Merge remote-tracking branch 'origin/main' into feature",
          'origin/main',
        )
        await l.pushFeature()
        await l.tag()
        await l.pushTag()
      },
    },
    {
      id: 'tag-not-pushed',
      title: 'Rebased and pushed feature, tagged it, but never pushed the tag',
      fails: ['tag-pushed'],
      async apply(dir) {
        const l = new LearnerSteps(dir)
        await l.fetchAndRebase()
        await l.pushFeature()
        await l.tag()
      },
    },
    {
      id: 'lightweight-tag',
      title: 'Pushed a lightweight tag instead of an annotated one',
      fails: ['tag-pushed'],
      async apply(dir) {
        const l = new LearnerSteps(dir)
        await l.fetchAndRebase()
        await l.pushFeature()
        await l.git('tag', TAG, 'feature')
        await l.pushTag()
      },
    },
    {
      id: 'feature-not-pushed',
      title: 'Rebased and tagged, pushed only the tag',
      fails: ['feature-pushed'],
      async apply(dir) {
        const l = new LearnerSteps(dir)
        await l.fetchAndRebase()
        await l.tag()
        await l.pushTag()
      },
    },
    {
      id: 'main-force-pushed',
      title: "Did the task, then amended main's last commit and force-pushed main (the server refuses it)",
      fails: ['main-unchanged-on-origin'],
      async apply(dir) {
        const l = new LearnerSteps(dir)
        await l.solve()
        await l.git('switch', '-q', 'main')
        await l.git('commit', '-q', '--amend', '-m', 'Add a reorder level to stock items')
        await l.git('push', '-q', '--force', 'origin', 'main')
      },
    },
    {
      id: 'feature-pushed-to-main',
      title: 'Did the task, then also pushed feature to main (a fast-forward the server accepts)',
      fails: ['main-unchanged-on-origin'],
      async apply(dir) {
        const l = new LearnerSteps(dir)
        await l.solve()
        await l.git('push', '-q', 'origin', 'feature:main')
      },
    },
  ],
})
