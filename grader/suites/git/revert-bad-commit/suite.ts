import {
  describeCommit,
  expectBranch,
  type GitCheckContext,
  type RepoView,
  ScenarioBuilder,
  shortSha,
} from '@backend-labs/git-kit'
import { defineChecks, defineSuite, fail } from '@backend-labs/lab-kit'
import { findBadCommit, publishedMain } from '../../../../labs/git/revert-bad-commit/published-history.ts'
import { BAD_SUBJECT } from '../../../../labs/git/revert-bad-commit/scenario.ts'
import { differFromRevert, revertTree } from './revert-tree.ts'

/** `git patch-id --stable` of the diff between two revisions: equal ids mean the same change. */
async function patchId(repo: RepoView, from: string, to: string): Promise<string> {
  const diff = (await repo.git.run(['diff', '--no-ext-diff', '--no-renames', from, to])).stdout
  if (!diff) return ''
  return (await repo.git.text(['patch-id', '--stable'], { input: diff })).split(' ')[0] ?? ''
}

const checks = defineChecks<GitCheckContext>('hidden', [
  {
    id: 'exact-revert',
    title: 'The new commits on main undo exactly the bad change, nothing more',
    points: 2,
    needs: ['published-history-kept'],
    hints: ['Keep the revert commit to the revert; other work belongs in commits of its own, later.'],
    async run(ctx) {
      const repo = await ctx.repo()
      const graph = await repo.graph()
      const main = expectBranch(graph, 'main')
      const published = publishedMain(graph)
      const bad = findBadCommit(graph)
      if ((await patchId(repo, published, main.target)) === (await patchId(repo, bad.sha, `${bad.sha}^`)))
        return
      const expectedTree = await revertTree(repo, published, bad.sha)
      const changed = await repo.changedFiles(published, main.target)
      const differ = expectedTree ? await differFromRevert(repo, expectedTree, main.target) : changed
      const badFiles = new Set(await repo.changedFiles(`${bad.sha}^`, bad.sha))
      const extra = differ.filter((p) => !badFiles.has(p))
      const wrong = differ.filter((p) => badFiles.has(p))
      const parts = [
        ...(wrong.length
          ? [`${wrong.join(', ')} ${wrong.length === 1 ? 'differs' : 'differ'} from what a revert gives`]
          : []),
        ...(extra.length ? [`they also change ${extra.join(', ')}, which the bad commit never touched`] : []),
      ]
      fail({
        expected: `the commits on top of origin/main to be the exact opposite of ${describeCommit(bad)}`,
        found: changed.length ? parts.join('; ') : 'no change on top of origin/main',
        where: 'branch main',
        hint: changed.length
          ? `start over from the published tip (\`git reset --hard origin/main\`: safe, as your commits on top were never pushed) and run \`git revert ${shortSha(bad.sha)}\``
          : `run \`git revert ${shortSha(bad.sha)}\``,
      })
    },
  },
  {
    id: 'no-uncommitted-changes',
    title: 'The undo is committed: no tracked file has uncommitted changes',
    points: 1,
    hints: ['Changes in the working tree are not on main until you commit them.'],
    async run(ctx) {
      const repo = await ctx.repo()
      const dirty = (await repo.status()).filter(([code]) => code !== '??').map(([, path]) => path)
      if (dirty.length === 0) return
      fail({
        expected: 'a clean working tree once the revert is committed',
        found: `uncommitted changes in ${dirty.join(', ')}`,
        hint: 'commit what belongs to the revert (`git commit`), or discard the rest with `git restore --staged --worktree <file>`',
      })
    },
  },
])

async function badSha(s: ScenarioBuilder): Promise<string> {
  return s.git.text(['log', 'origin/main', '--format=%H', '-F', `--grep=${BAD_SUBJECT}`])
}

export default defineSuite<GitCheckContext>({
  checks,
  solution: {
    async apply(dir) {
      const s = ScenarioBuilder.open(dir)
      await s.run(['revert', '--no-edit', await badSha(s)])
    },
  },
  alternatives: [
    {
      id: 'own-message',
      title: 'revert --no-commit, then a commit with a message of its own',
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await s.run(['revert', '--no-commit', await badSha(s)])
        await s.run([
          'commit',
          '-q',
          '-m',
          'Move sessions back to Redis\n\nIn-memory sessions logged everyone out on each deploy.',
        ])
      },
    },
  ],
  fixtures: [
    {
      id: 'reset-and-replay',
      title: 'reset past the bad commit and cherry-picked the good ones back (history rewritten)',
      fails: ['published-history-kept'],
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        const bad = await badSha(s)
        await s.run(['reset', '-q', '--hard', `${bad}^`])
        await s.run(['cherry-pick', `${bad}..origin/main`])
      },
    },
    {
      id: 'reset-hard',
      title: 'reset --hard to before the bad commit, dropping the good ones too',
      fails: ['published-history-kept', 'good-changes-kept'],
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await s.run(['reset', '-q', '--hard', `${await badSha(s)}^`])
      },
    },
    {
      id: 'partial-revert',
      title: 'put the config back by hand but left the code change',
      fails: ['bad-change-undone', 'exact-revert'],
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await s.run(['checkout', `${await badSha(s)}^`, '--', 'config/app.json'])
        await s.commit('Use Redis for sessions again')
      },
    },
    {
      id: 'reverted-wrong-commit',
      title: 'reverted the commit after the bad one',
      fails: ['bad-change-undone', 'good-changes-kept', 'exact-revert'],
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await s.run(['revert', '--no-edit', 'origin/main~1'])
      },
    },
    {
      id: 'uncommitted-revert',
      title: 'undid the change in the working tree but never committed it',
      fails: ['bad-change-undone', 'exact-revert', 'no-uncommitted-changes'],
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        const bad = await badSha(s)
        await s.run(['checkout', `${bad}^`, '--', 'config/app.json', 'src/sessions.js'])
        await s.run(['rm', '-q', 'src/memory-store.js'])
      },
    },
    {
      id: 'revert-and-uncommitted-edit',
      title: 'reverted and committed, but left an edit of README.md uncommitted',
      fails: ['no-uncommitted-changes'],
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await s.run(['revert', '--no-edit', await badSha(s)])
        const readme = await s.git.text(['show', 'HEAD:README.md'])
        await s.write({ 'README.md': `${readme}\n\nSessions live in Redis.\n` })
      },
    },
    {
      id: 'revert-plus-extra',
      title: 'reverted, but slipped an unrelated change into the same commit',
      fails: ['exact-revert'],
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await s.run(['revert', '--no-commit', await badSha(s)])
        const readme = await s.git.text(['show', 'HEAD:README.md'])
        await s.write({ 'README.md': `${readme}\n\nSessions are kept in Redis.\n` })
        await s.commit('Revert in-memory sessions')
      },
    },
  ],
})
