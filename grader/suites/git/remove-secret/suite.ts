import {
  describeCommit,
  expectBranch,
  type GitCheckContext,
  plural,
  ScenarioBuilder,
} from '@backend-labs/git-kit'
import { defineChecks, defineSuite, fail } from '@backend-labs/lab-kit'
import { FEATURE_BRANCH, LEAKED_KEY } from '../../../../labs/git/remove-secret/scenario.ts'
import { ENV_EXAMPLE, rewriteWithFilterBranch, rewriteWithRebase } from './history-rewrites.ts'

const B = FEATURE_BRANCH

const checks = defineChecks<GitCheckContext>('hidden', [
  {
    id: 'env-example-placeholder',
    title: '.env.example documents PAYMENTS_API_KEY with a placeholder',
    points: 1,
    hints: ['.env.example tells teammates which variables to set, without real values.'],
    async run(ctx) {
      const repo = await ctx.repo()
      const branch = expectBranch(await repo.graph(), B)
      const example = await repo.fileAt(branch.target, '.env.example')
      if (example?.split('\n').some((l) => /^\s*(export\s+)?PAYMENTS_API_KEY=/.test(l))) return
      fail({
        expected: 'a committed .env.example with a line `PAYMENTS_API_KEY=<placeholder>`',
        found: example === undefined ? 'no .env.example' : '.env.example does not mention PAYMENTS_API_KEY',
        where: `branch ${B}`,
        hint: 'add `PAYMENTS_API_KEY=replace-me` to .env.example and commit it',
      })
    },
  },
  {
    id: 'main-untouched',
    title: `main is left as published and ${B} still starts from it`,
    points: 1,
    hints: ['main is shared and never had the key: rewrite only the feature branch.'],
    async run(ctx) {
      const graph = await (await ctx.repo()).graph()
      const main = expectBranch(graph, 'main')
      const branch = expectBranch(graph, B)
      const published = graph.refs.find((r) => r.name === 'refs/remotes/origin/main')?.target
      if (!published) fail({ expected: 'the remote-tracking branch origin/main', found: 'it is gone' })
      const problems: string[] = []
      if (main.target !== published) {
        const extra = graph.only(main.target, published)
        problems.push(
          `main differs from origin/main (${plural(extra.length, 'commit')} of its own: ${extra.map(describeCommit).join(', ')})`,
        )
      }
      if (!graph.isAncestor(published, branch.target)) problems.push(`${B} no longer builds on origin/main`)
      if (problems.length === 0) return
      fail({
        expected: `main unchanged and ${B} based on it`,
        found: problems.join('; '),
        hint: 'put main back with `git branch -f main origin/main`; rebase the feature branch with `git rebase -i main`',
      })
    },
  },
])

export default defineSuite<GitCheckContext>({
  checks,
  solution: {
    async apply(dir) {
      await rewriteWithRebase(dir)
    },
  },
  alternatives: [
    {
      id: 'filter-branch',
      title: 'git filter-branch --tree-filter, backup ref deleted, setup in a new commit',
      async apply(dir) {
        await rewriteWithFilterBranch(dir, false)
      },
    },
  ],
  fixtures: [
    {
      id: 'deleted-in-new-commit',
      title: 'removed the key in a new commit: history still has it',
      fails: ['secret-gone-from-history'],
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        const configText = await s.git.text(['show', 'HEAD:src/config.js'])
        await s.run(['rm', '-q', '--cached', '.env'])
        await s.commit('Load the payments key from the environment', {
          files: {
            'src/config.js': `${configText.replace(`'${LEAKED_KEY}'`, 'process.env.PAYMENTS_API_KEY')}\n`,
            '.gitignore': 'node_modules/\n.env\n',
            '.env.example': ENV_EXAMPLE,
          },
        })
      },
    },
    {
      id: 'filter-branch-backup-left',
      title: 'filter-branch rewrite, but refs/original still holds the old commits',
      fails: ['secret-gone-from-history'],
      async apply(dir) {
        await rewriteWithFilterBranch(dir, true)
      },
    },
    {
      id: 'old-branch-kept',
      title: 'rewrote the branch but kept a backup branch of the old one',
      fails: ['secret-gone-from-history'],
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await s.branch('payments-backup')
        await rewriteWithRebase(dir)
      },
    },
    {
      id: 'dropped-later-commits',
      title: 'reset to before the leak and redid only the config',
      fails: ['other-changes-kept'],
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await s.run(['reset', '-q', '--hard', `${B}~4`])
        const configText = await s.git.text(['show', 'HEAD:src/config.js'])
        await s.commit('Load the payments key from the environment', {
          files: {
            'src/config.js': `${configText.replace("apiKey: ''", 'apiKey: process.env.PAYMENTS_API_KEY')}\n`,
            '.gitignore': 'node_modules/\n.env\n',
            '.env.example': ENV_EXAMPLE,
          },
        })
      },
    },
    {
      id: 'env-still-tracked',
      title: 'history clean, but a .env with the new key is committed',
      fails: ['env-file-ignored'],
      async apply(dir) {
        const s = await rewriteWithRebase(dir)
        await s.commit('Add local settings', {
          files: { '.gitignore': 'node_modules/\n', '.env': 'PAYMENTS_API_KEY=x\n' },
        })
      },
    },
    {
      id: 'placeholder-hardcoded',
      title: 'history clean, but config hard-codes a placeholder instead of reading the environment',
      fails: ['config-reads-env'],
      async apply(dir) {
        await rewriteWithRebase(dir, { apiKey: "'set-me'" })
      },
    },
    {
      id: 'no-env-example',
      title: 'history clean, but no .env.example',
      fails: ['env-example-placeholder'],
      async apply(dir) {
        await rewriteWithRebase(dir, { example: false })
      },
    },
    {
      id: 'commit-on-main',
      title: 'correct rewrite, plus a commit on main',
      fails: ['main-untouched'],
      async apply(dir) {
        const s = await rewriteWithRebase(dir)
        await s.checkout('main')
        await s.commit('Mention payments in the README', {
          files: { 'README.md': '# shop-api\n\nNow with payments.\n' },
        })
      },
    },
  ],
})
