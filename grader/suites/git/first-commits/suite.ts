import { describeCommit, expectBranch, type GitCheckContext, ScenarioBuilder } from '@backend-labs/git-kit'
import { defineChecks, defineSuite, fail } from '@backend-labs/lab-kit'
import { FAKE_SECRET } from '../../../../labs/git/first-commits/scenario.ts'

/** What the learner's uncommitted source changes add, judged by content rather than exact text. */
const SOURCE_CHANGES = [
  { path: 'src/shout.ts', mustContain: 'function shout', what: 'the new file src/shout.ts' },
  { path: 'src/greet.ts', mustContain: 'function farewell', what: 'the farewell function in src/greet.ts' },
  { path: 'src/index.ts', mustContain: 'shout(', what: 'the loud farewell in src/index.ts' },
]

const checks = defineChecks<GitCheckContext>('hidden', [
  {
    id: 'source-changes-committed',
    title: 'The source changes in src/ are committed on main',
    points: 1,
    hints: [
      'Stage the source files with `git add src` and commit them with a message that says what they add.',
    ],
    async run(ctx) {
      const repo = await ctx.repo()
      expectBranch(await repo.graph(), 'main')
      const missing: string[] = []
      for (const change of SOURCE_CHANGES) {
        const content = await repo.fileAt('main', change.path)
        if (!content?.includes(change.mustContain)) missing.push(change.what)
      }
      if (missing.length === 0) return
      fail({
        expected: 'the work in progress under src/ to be committed on main',
        found: `main lacks ${missing.join(', ')}`,
        where: 'branch main',
        hint: 'commit the source changes: `git add src && git commit -m "Add farewell message and loud mode"`',
      })
    },
  },
  {
    id: 'secret-never-committed',
    title: 'The secret from .env never entered the history of main',
    points: 2,
    hints: [
      'Removing a file in a later commit leaves it in history: anyone with the repository can read the old commit.',
    ],
    async run(ctx) {
      const repo = await ctx.repo()
      expectBranch(await repo.graph(), 'main')
      const log = async (args: string[]) =>
        (await repo.git.text(['log', 'main', '--format=%H', ...args])).split('\n').filter(Boolean)
      // Commits that added .env or changed how often the token appears; keep those whose tree holds it.
      const candidates = new Set([
        ...(await log(['--diff-filter=A', '--', '.env'])),
        ...(await log([`-S${FAKE_SECRET}`])),
      ])
      const shas: string[] = []
      for (const sha of candidates) {
        const grep = await repo.git.run(['grep', '-q', '-F', FAKE_SECRET, sha], { allowFailure: true })
        if (grep.code === 0 || (await repo.fileAt(sha, '.env')) !== undefined) shas.push(sha)
      }
      if (shas.length === 0) return
      const graph = await repo.graph()
      const commits = shas.map((s) => graph.commit(s)).filter((c) => c !== undefined)
      commits.sort((a, b) => a.authorTime - b.authorTime)
      fail({
        expected: 'the .env file and its token never to be committed',
        found: `the secret is in ${commits.map(describeCommit).join(', ')}`,
        where: 'branch main',
        hint: 'rewrite those commits before anyone fetches them (e.g. `git reset --soft <commit before>` and commit again without .env); with a real secret, also revoke it',
      })
    },
  },
])

async function commitWithMessage(s: ScenarioBuilder, paths: string[], message: string): Promise<void> {
  await s.run(['add', '--', ...paths])
  await s.run(['commit', '-q', '--no-verify', '-m', message])
}

async function untrackDist(s: ScenarioBuilder, extra: string[] = []): Promise<void> {
  await s.run(['rm', '-r', '-q', '--cached', 'dist', ...extra])
}

export default defineSuite<GitCheckContext>({
  checks,
  solution: {
    async apply(dir) {
      const s = ScenarioBuilder.open(dir)
      await s.write({ '.gitignore': '# build output\ndist/\n\n# local settings and secrets\n.env\n' })
      await untrackDist(s)
      await commitWithMessage(s, ['.gitignore'], 'Ignore build output and the local .env file')
      await commitWithMessage(s, ['src'], 'Add farewell message and loud mode')
    },
  },
  alternatives: [
    {
      id: 'one-commit-other-patterns',
      title: 'Everything in one commit, with anchored and wildcard patterns',
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await s.write({ '.gitignore': '/dist\n.env*\nnode_modules/\n' })
        await untrackDist(s)
        await s.commit('Stop tracking build output and add the farewell')
      },
    },
    {
      id: 'undid-env-commit-before-pushing',
      title: 'Committed .env by mistake, undid it with reset --soft as the tips say, then committed right',
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await s.run(['add', '-A'])
        await s.run(['commit', '-q', '-m', 'Add farewell message and loud mode'])
        await s.run(['reset', '--soft', 'HEAD~1'])
        await s.run(['restore', '--staged', '.env', 'dist'])
        await s.write({ '.gitignore': 'dist/**\n.env\n' })
        await untrackDist(s)
        await commitWithMessage(s, ['.gitignore', 'src'], 'Untrack the build output and add the farewell')
      },
    },
  ],
  fixtures: [
    {
      id: 'third-person-subjects',
      title: 'Right content, subjects in the third person ("Adds …", "Ignores …")',
      fails: ['meaningful-messages'],
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await s.write({ '.gitignore': 'dist/\n.env\n' })
        await untrackDist(s)
        await commitWithMessage(s, ['.gitignore'], 'Ignores build output and the .env file')
        await commitWithMessage(s, ['src'], 'Adds farewell message and loud mode')
      },
    },
    {
      id: 'ignores-only-js-in-dist',
      title: '.gitignore has dist/*.js, which leaves other build files and nested folders tracked',
      fails: ['gitignore-rules'],
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await s.write({ '.gitignore': 'dist/*.js\n.env\n' })
        await untrackDist(s)
        await commitWithMessage(s, ['.gitignore'], 'Ignore compiled JavaScript and the .env file')
        await commitWithMessage(s, ['src'], 'Add farewell message and loud mode')
      },
    },
    {
      id: 'vague-messages',
      title: 'Right content, but committed as "wip" and "fix"',
      fails: ['meaningful-messages'],
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await s.write({ '.gitignore': 'dist/\n.env\n' })
        await untrackDist(s)
        await commitWithMessage(s, ['.gitignore'], 'wip')
        await commitWithMessage(s, ['src'], 'fix')
      },
    },
    {
      id: 'dist-still-tracked',
      title: 'dist/ is ignored but was never untracked',
      fails: ['nothing-ignored-tracked'],
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await s.write({ '.gitignore': 'dist/\n.env\n' })
        await commitWithMessage(s, ['.gitignore', 'src'], 'Add .gitignore and the farewell message')
      },
    },
    {
      id: 'env-not-ignored',
      title: 'Only dist/ is ignored; .env is left lying around untracked',
      fails: ['gitignore-rules'],
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await s.write({ '.gitignore': 'dist/\n' })
        await untrackDist(s)
        await commitWithMessage(s, ['.gitignore', 'src'], 'Ignore build output and add the farewell')
      },
    },
    {
      id: 'secret-committed-then-removed',
      title: 'Committed everything (with .env) first, then ignored and untracked it',
      fails: ['secret-never-committed'],
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await s.commit('Add farewell message and loud mode')
        await s.write({ '.gitignore': 'dist/\n.env\n' })
        await untrackDist(s, ['.env'])
        await commitWithMessage(s, ['.gitignore'], 'Ignore build output and the local .env file')
      },
    },
    {
      id: 'source-left-uncommitted',
      title: 'The .gitignore is right but the source changes were never committed',
      fails: ['source-changes-committed'],
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await s.write({ '.gitignore': 'dist/\n.env\n' })
        await untrackDist(s)
        await commitWithMessage(s, ['.gitignore'], 'Ignore build output and the local .env file')
      },
    },
  ],
})
