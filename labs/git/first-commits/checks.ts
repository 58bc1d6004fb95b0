import { describeCommit, expectBranch, type GitCheckContext } from '@backend-labs/git-kit'
import { defineChecks, fail } from '@backend-labs/lab-kit'
import { buildOutputProbes } from './ignore-probes.ts'
import { subjectProblem } from './message-quality.ts'

/** The starter's build files; the rule is probed with unpredictable paths too (see ignore-probes.ts). */
const STARTER_BUILD = ['dist/index.js', 'dist/greet.js', 'dist/shout.js']

const isBuildOrSecret = (path: string) => path.startsWith('dist/') || path === '.env'

function listPaths(paths: string[], max = 5): string {
  const shown = paths.slice(0, max).join(', ')
  return paths.length > max ? `${shown} and ${paths.length - max} more` : shown
}

export default defineChecks<GitCheckContext>('public', [
  {
    id: 'gitignore-rules',
    title: 'A committed .gitignore keeps dist/ and .env out',
    points: 2,
    hints: [
      'A .gitignore holds one pattern a line, e.g. `dist/` for a folder; commit it like any other file.',
    ],
    async run(ctx) {
      const repo = await ctx.repo()
      expectBranch(await repo.graph(), 'main')
      const files = await repo.filesAt('main')
      if (!files.some((p) => p === '.gitignore' || p.endsWith('/.gitignore'))) {
        const uncommitted = (await repo.workingFile('.gitignore')) !== undefined
        fail({
          expected: 'a .gitignore committed on main',
          found: uncommitted
            ? 'a .gitignore in the working tree that is not committed'
            : 'no .gitignore at all',
          where: 'branch main',
          hint: uncommitted
            ? 'commit it: `git add .gitignore && git commit`'
            : 'create .gitignore at the top of the repository, list `dist/` and `.env` in it, and commit it',
        })
      }
      const probes = buildOutputProbes(STARTER_BUILD)
      const ignored = new Set(await repo.ignored(['.env', ...probes.map((p) => p.path)]))
      const missedBuild = probes.filter((p) => !ignored.has(p.path)).map((p) => p.kind)
      const missing = [
        ...(missedBuild.length === probes.length ? ['dist/ (build output)'] : []),
        ...(ignored.has('.env') ? [] : ['.env (local secrets)']),
      ]
      const partly = missedBuild.length > 0 && missedBuild.length < probes.length
      if (missing.length === 0 && !partly) return
      const found = [
        ...(missing.length ? [`no rule ignores ${missing.join(' or ')}`] : []),
        ...(partly
          ? [`your rules ignore only part of dist/; not ignored: ${listPaths(missedBuild, 4)}`]
          : []),
      ]
      fail({
        expected: '.gitignore to ignore everything under dist/ (build output) and the secrets file .env',
        found: found.join('; '),
        where: '.gitignore',
        hint: `add ${[...(missedBuild.length ? ['`dist/` (the whole folder)'] : []), ...(ignored.has('.env') ? [] : ['`.env`'])].join(' and ')} to .gitignore (one pattern a line) and commit it`,
      })
    },
  },
  {
    id: 'nothing-ignored-tracked',
    title: 'No build output, secret or other ignored file is tracked on main',
    points: 2,
    hints: [
      'Ignoring a file does not untrack it: `git rm -r --cached <path>` removes it from git but keeps it on disk.',
    ],
    async run(ctx) {
      const repo = await ctx.repo()
      expectBranch(await repo.graph(), 'main')
      const files = await repo.filesAt('main')
      const ignored = new Set(await repo.ignored(files))
      const tracked = files.filter((p) => isBuildOrSecret(p) || ignored.has(p))
      if (tracked.length === 0) return
      const folders = [...new Set(tracked.map((p) => (p.startsWith('dist/') ? 'dist' : p)))]
      fail({
        expected: 'no build output, secret or ignored file tracked on main',
        found: `${tracked.length === 1 ? '1 file' : `${tracked.length} files`} still tracked: ${listPaths(tracked)} (git keeps tracking files that were committed before a rule ignored them)`,
        where: 'branch main',
        hint: `untrack them without deleting them: \`git rm -r --cached ${folders.join(' ')}\`, then commit`,
      })
    },
  },
  {
    id: 'meaningful-messages',
    title: 'Every commit on main has a meaningful subject line',
    points: 2,
    hints: [
      'A good subject is a short imperative sentence that says what the commit does: "Add .gitignore for build output".',
      'Fix the last message with `git commit --amend`; older ones with `git rebase -i` and `reword`.',
    ],
    async run(ctx) {
      const repo = await ctx.repo()
      const graph = await repo.graph()
      const main = expectBranch(graph, 'main')
      const bad = graph
        .firstParentChain(main.target)
        .filter((c) => c.parents.length < 2)
        .flatMap((c) => {
          const problem = subjectProblem(c.subject)
          return problem ? [`${describeCommit(c)}: ${problem}`] : []
        })
      if (bad.length === 0) return
      fail({
        expected:
          'every commit subject to say what the commit does, in 10 to 72 characters, in the imperative',
        found: `${bad.length === 1 ? 'one commit' : `${bad.length} commits`} to improve: ${bad.slice(0, 3).join('; ')}${bad.length > 3 ? '; …' : ''}`,
        where: 'branch main',
        hint: 'reword the last commit with `git commit --amend`, older ones with `git rebase -i` (mark them `reword`)',
      })
    },
  },
])
