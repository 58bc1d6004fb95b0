import { describeCommit, expectBranch, type GitCheckContext, ScenarioBuilder } from '@backend-labs/git-kit'
import { defineChecks, defineSuite, fail } from '@backend-labs/lab-kit'
import { featureOwnCommits, starterSnapshot } from '../../../../labs/git/rebase-squash/starter-snapshot.ts'
import { replay } from './replay.ts'

/** feature's own commits and the files each one owns once its fixups are folded in. */
const FEATURE_COMMITS = [
  { subject: 'Add tax calculation to invoices', files: ['src/tax.ts', 'src/invoice.ts'] },
  { subject: 'Add PDF footer to invoices', files: ['src/footer.ts'] },
]

function firstDifference(want: string, got: string): { line: number; want: string; got: string } {
  const a = want.split('\n')
  const b = got.split('\n')
  let i = 0
  while (i < a.length && a[i] === b[i]) i++
  return { line: i + 1, want: a[i]?.trim() ?? '(end of file)', got: b[i]?.trim() ?? '(end of file)' }
}

const checks = defineChecks<GitCheckContext>('hidden', [
  {
    id: 'feature-content-kept',
    title: "feature's final files hold the work of all its original commits, fixups included",
    points: 2,
    hints: [
      'A fixup is folded in with `fixup`, not thrown away with `drop`; `git diff <old tip> feature` shows what changed.',
    ],
    async run(ctx) {
      const repo = await ctx.repo()
      expectBranch(await repo.graph(), 'feature')
      const { featureFiles } = await starterSnapshot()
      const problems: string[] = []
      for (const [path, want] of featureFiles) {
        const got = await repo.fileAt('feature', path)
        if (got === undefined) problems.push(`${path} is missing`)
        else if (got !== want) {
          const d = firstDifference(want, got)
          problems.push(`${path}:${d.line} differs (expected \`${d.want}\`, found \`${d.got}\`)`)
        }
      }
      if (problems.length === 0) return
      fail({
        expected: "the files feature changed to end up as they were at feature's original tip",
        found: problems.join('; '),
        where: 'branch feature',
        hint: 'a fixup was dropped or a conflict resolved the wrong way: redo the rebase from the original tip (`git reflog feature` finds it)',
      })
    },
  },
  {
    id: 'fixups-in-their-commits',
    title: 'Each fixup is folded into the commit it fixes, and both feature commits remain',
    points: 2,
    needs: ['fixups-squashed'],
    hints: [
      '`fixup! <subject>` belongs to the commit whose subject is <subject>; --autosquash pairs them for you.',
    ],
    async run(ctx) {
      const repo = await ctx.repo()
      const graph = await repo.graph()
      const feature = expectBranch(graph, 'feature')
      const mine = await featureOwnCommits(graph)
      const problems: string[] = []
      for (const { subject, files } of FEATURE_COMMITS) {
        const found = mine.filter((c) => c.subject === subject)
        if (found.length !== 1) {
          problems.push(
            found.length === 0
              ? `no commit named "${subject}"`
              : `${found.length} commits named "${subject}"`,
          )
          continue
        }
        const c = found[0]!
        for (const path of files) {
          if ((await repo.fileAt(c.sha, path)) !== (await repo.fileAt(feature.target, path))) {
            problems.push(`${describeCommit(c)} lacks later fixes to ${path}`)
          }
        }
        const foreign = c.parents[0]
          ? (await repo.changedFiles(c.parents[0], c.sha)).filter((p) => !files.includes(p))
          : []
        if (foreign.length) problems.push(`${describeCommit(c)} also changes ${foreign.join(', ')}`)
      }
      if (problems.length === 0) return
      fail({
        expected: `feature to keep its commits ${FEATURE_COMMITS.map((c) => `"${c.subject}"`).join(' and ')}, each with its own fixups folded in`,
        found: problems.join('; '),
        where: 'branch feature',
        hint: 'start again from the original tip and run `git rebase -i --autosquash main`, keeping the todo list git proposes',
      })
    },
  },
])

export default defineSuite<GitCheckContext>({
  checks,
  solution: {
    async apply(dir) {
      const s = ScenarioBuilder.open(dir)
      await s.checkout('feature')
      await s.run(['rebase', '-q', '-i', '--autosquash', 'main'])
    },
  },
  alternatives: [
    {
      id: 'footer-first',
      title: 'Footer commit before the tax commit, each with its fixups',
      apply: (dir) => replay(dir, ['pick 1', 'fixup 3', 'pick 0', 'fixup 2', 'fixup 4']),
    },
    {
      id: 'rebase-then-squash',
      title: 'Rebased onto main first, squashed in a second interactive rebase',
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await s.checkout('feature')
        await s.run(['rebase', '-q', 'main'])
        await s.run(['rebase', '-q', '-i', '--autosquash', 'main'])
      },
    },
  ],
  fixtures: [
    {
      id: 'merged-main-in',
      title: 'Merged main into feature instead of rebasing, fixups left as they are',
      fails: ['feature-linear', 'fixups-squashed'],
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await s.merge('main', "Merge branch 'main' into feature", { noFf: true })
      },
    },
    {
      id: 'squashed-in-place',
      title: 'Squashed the fixups but stayed on the old base',
      fails: ['feature-contains-main'],
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await s.run(['rebase', '-q', '-i', '--autosquash', 'main~2'])
      },
    },
    {
      id: 'rebased-not-squashed',
      title: 'Rebased onto main, fixup commits still there',
      fails: ['fixups-squashed'],
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await s.run(['rebase', '-q', 'main'])
      },
    },
    {
      id: 'main-fast-forwarded',
      title: 'Did the task, then also moved main to feature',
      fails: ['main-unchanged'],
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await s.run(['rebase', '-q', '-i', '--autosquash', 'main'])
        await s.run(['branch', '-f', 'main', 'feature'])
      },
    },
    {
      id: 'fixup-dropped',
      title: 'Dropped the second tax fixup (reduced rate for books)',
      fails: ['feature-content-kept'],
      apply: (dir) => replay(dir, ['pick 0', 'fixup 2', 'pick 1', 'fixup 3']),
    },
    {
      id: 'fixup-in-wrong-commit',
      title: 'Folded the second tax fixup into the footer commit',
      fails: ['fixups-in-their-commits'],
      apply: (dir) => replay(dir, ['pick 0', 'fixup 2', 'pick 1', 'fixup 3', 'fixup 4']),
    },
    {
      id: 'squashed-into-one',
      title: 'Squashed the whole feature into a single commit',
      fails: ['fixups-in-their-commits'],
      apply: (dir) =>
        replay(
          dir,
          ['pick 0', 'fixup 1', 'fixup 2', 'fixup 3', 'fixup 4'],
          'Add tax calculation and PDF footer',
        ),
    },
  ],
})
