import { describeCommit, expectBranch, type GitCheckContext, plural, shortSha } from '@backend-labs/git-kit'
import { defineChecks, fail } from '@backend-labs/lab-kit'
import {
  badChangeLeft,
  findBadCommit,
  goodChangeMissing,
  publishedCommits,
  publishedMain,
} from './published-history.ts'

export default defineChecks<GitCheckContext>('public', [
  {
    id: 'published-history-kept',
    title: 'main still contains every published commit (no history rewrite)',
    points: 2,
    hints: ['On a shared branch, undo with a new commit (`git revert`), never with `git reset` or a rebase.'],
    async run(ctx) {
      const graph = await (await ctx.repo()).graph()
      const main = expectBranch(graph, 'main')
      const published = publishedMain(graph)
      if (graph.isAncestor(published, main.target)) return
      const lost = graph.only(published, main.target)
      fail({
        expected: 'main to build on origin/main, which your team already pulled',
        found: `main lacks ${plural(lost.length, 'published commit')}: ${lost.map(describeCommit).join(', ')}; pushing it would need a force-push`,
        where: 'branch main',
        hint: 'go back to the published history with `git reset --hard origin/main` (on main), then undo the bad commit with `git revert <sha>`',
      })
    },
  },
  {
    id: 'bad-change-undone',
    title: 'The bad commit’s change is gone from main',
    points: 3,
    hints: ['`git revert <sha>` makes a new commit that applies the opposite of that commit’s change.'],
    async run(ctx) {
      const repo = await ctx.repo()
      const graph = await repo.graph()
      const main = expectBranch(graph, 'main')
      const bad = findBadCommit(graph)
      const left = await badChangeLeft(repo, bad, main.target)
      if (left.length === 0) return
      fail({
        expected: `the change of ${describeCommit(bad)} to be undone on main`,
        found: `${left.join(', ')} still ${left.length === 1 ? 'has' : 'have'} it`,
        where: 'branch main',
        hint: `revert the whole commit, committed: \`git revert ${shortSha(bad.sha)}\``,
      })
    },
  },
  {
    id: 'good-changes-kept',
    title: 'The good commits’ changes are still on main',
    points: 2,
    hints: ['Revert only the bad commit: the commits around it were fine.'],
    async run(ctx) {
      const repo = await ctx.repo()
      const graph = await repo.graph()
      const main = expectBranch(graph, 'main')
      const bad = findBadCommit(graph)
      const lost: string[] = []
      for (const c of publishedCommits(graph).slice(1)) {
        if (c.sha === bad.sha) continue
        const missing = await goodChangeMissing(repo, c, main.target)
        if (missing.length) lost.push(`${describeCommit(c)} (${missing.join(', ')})`)
      }
      if (lost.length === 0) return
      fail({
        expected: `main to keep every published change except that of ${describeCommit(bad)}`,
        found: `main lost the change of ${lost.join(', ')}`,
        where: 'branch main',
        hint: 'if you reverted the wrong commit, revert that revert (`git revert <sha of your revert>`), then revert the right one',
      })
    },
  },
])
