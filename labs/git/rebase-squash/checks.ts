import {
  describeCommit,
  expectBranch,
  expectContains,
  expectLinear,
  type GitCheckContext,
  plural,
  shortSha,
} from '@backend-labs/git-kit'
import { defineChecks, fail } from '@backend-labs/lab-kit'
import { featureOwnCommits, starterSnapshot } from './starter-snapshot.ts'

/** Subjects `git commit --fixup/--squash` writes, which `git rebase -i --autosquash` folds away. */
const AUTOSQUASH = /^(fixup|squash|amend)! /

export default defineChecks<GitCheckContext>('public', [
  {
    id: 'feature-contains-main',
    title: 'feature is based on the current main',
    points: 2,
    hints: ["`git switch feature && git rebase main` replays feature's commits on top of main."],
    async run(ctx) {
      expectContains(await (await ctx.repo()).graph(), 'feature', 'main')
    },
  },
  {
    id: 'feature-linear',
    title: 'feature has no merge commits on top of main',
    points: 1,
    hints: ['If you merged main into feature, reset feature to its old tip and rebase instead.'],
    async run(ctx) {
      expectLinear(await (await ctx.repo()).graph(), 'feature', 'main')
    },
  },
  {
    id: 'fixups-squashed',
    title: 'No fixup!, squash! or amend! commits are left on feature',
    points: 2,
    // The first grade in a process rebuilds the starter scenario to compare with it.
    timeoutMs: 60_000,
    hints: ['`git rebase -i --autosquash main` moves each fixup under its commit and marks it `fixup`.'],
    async run(ctx) {
      const graph = await (await ctx.repo()).graph()
      const left = (await featureOwnCommits(graph)).filter((c) => AUTOSQUASH.test(c.subject))
      if (left.length === 0) return
      const prefixes = [...new Set(left.map((c) => `'${c.subject.slice(0, c.subject.indexOf('!') + 1)}'`))]
      fail({
        expected: 'each fixup folded into the commit it fixes',
        found: `${plural(left.length, 'commit')} whose message starts with ${prefixes.join(' or ')}: squash them (${left.map(describeCommit).join(', ')})`,
        where: 'branch feature',
        hint: 'run `git switch feature && git rebase -i --autosquash main` and keep the todo list git proposes',
      })
    },
  },
  {
    id: 'main-unchanged',
    title: 'main still points at the commit it started at (published history is not rewritten)',
    points: 2,
    hints: ['Only feature is yours to rewrite: others have already pulled main.'],
    async run(ctx) {
      const graph = await (await ctx.repo()).graph()
      const main = expectBranch(graph, 'main')
      const original = (await starterSnapshot()).tips.main!
      if (main.target === original) return
      const now = graph.commit(main.target)!
      const moved = graph.isAncestor(original, main.target)
      fail({
        expected: `main to stay at ${shortSha(original)}, where the lab started it`,
        found: moved
          ? `main moved forward to ${describeCommit(now)}: this lab asks you to rebase feature, not to merge it into main`
          : `main now points at ${describeCommit(now)} and no longer contains ${shortSha(original)}: its published history was rewritten`,
        where: 'branch main',
        hint: `put it back with \`git branch -f main ${shortSha(original)}\` (from another branch) and rework only feature`,
      })
    },
  },
])
