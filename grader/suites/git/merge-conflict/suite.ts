import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expectBranch, type GitCheckContext, ScenarioBuilder } from '@backend-labs/git-kit'
import { defineChecks, defineSuite, fail } from '@backend-labs/lab-kit'
import { routeName, routesOnMain } from '../../../../labs/git/merge-conflict/route-table.ts'

/** Changes outside the conflicting file that git merged on its own; a resolution must not undo them. */
const CLEAN_CHANGES = [
  { path: 'src/handlers/users.ts', mustContain: 'function createUser', what: "feature's createUser handler" },
  { path: 'src/handlers/users.ts', mustContain: 'function listUsers', what: 'the listUsers handler' },
  { path: 'src/handlers/orders.ts', mustContain: 'function listOrders', what: "main's listOrders handler" },
]

const checks = defineChecks<GitCheckContext>('hidden', [
  {
    id: 'no-duplicate-routes',
    title: 'Each method and path appears once in the merged route table',
    points: 2,
    needs: ['no-conflict-markers'],
    hints: [
      'Keeping both sides line by line duplicates the route both sides edited; merge the two into one.',
    ],
    async run(ctx) {
      const routes = await routesOnMain(await ctx.repo())
      const byName = new Map<string, number[]>()
      for (const r of routes) byName.set(routeName(r), [...(byName.get(routeName(r)) ?? []), r.line])
      const dupes = [...byName].filter(([, lines]) => lines.length > 1)
      if (dupes.length === 0) return
      fail({
        expected: 'each route declared once in the route table',
        found: dupes
          .map(([name, lines]) => `${name} is declared ${lines.length} times (lines ${lines.join(', ')})`)
          .join('; '),
        where: `src/app.ts:${dupes[0]![1][0]}`,
        hint: 'the router would only ever use the first one: combine them into one entry that carries both changes, then commit',
      })
    },
  },
  {
    id: 'other-changes-kept',
    title: 'Changes git merged cleanly in other files are still there',
    points: 1,
    hints: [
      'Only src/app.ts conflicted; `git diff <main before> main -- src/handlers` shows what the merge brought.',
    ],
    async run(ctx) {
      const repo = await ctx.repo()
      expectBranch(await repo.graph(), 'main')
      const lost: string[] = []
      for (const c of CLEAN_CHANGES) {
        if (!(await repo.fileAt('main', c.path))?.includes(c.mustContain)) lost.push(`${c.what} in ${c.path}`)
      }
      if (lost.length === 0) return
      fail({
        expected: 'the merge to keep the changes that did not conflict',
        found: `main lacks ${lost.join(', ')}`,
        where: 'branch main',
        hint: 'restore them from the branch that made them, e.g. `git checkout feature -- src/handlers/users.ts`, and commit',
      })
    },
  },
])

const USERS_OLD = "  { method: 'GET', path: '/users', handler: 'listUsers', auth: true },"
const USERS_NEW = "  { method: 'GET', path: '/users', handler: 'listUsers', auth: true, cacheSeconds: 60 },"
const ORDERS = "  { method: 'GET', path: '/orders', handler: 'listOrders', auth: true },"
const CREATE = "  { method: 'POST', path: '/users', handler: 'createUser' },"

/** Starts `git merge feature` on main; it stops on the conflict in src/app.ts. */
async function startMerge(s: ScenarioBuilder, args: string[] = []): Promise<void> {
  const r = await s.run(['merge', '-q', '--no-edit', ...args, 'feature'], { allowFailure: true })
  if (r.code === 0) throw new Error('expected the merge to conflict')
}

/** Replaces the conflict hunk in src/app.ts with `lines`. */
async function resolveApp(dir: string, lines: string[]): Promise<void> {
  const path = join(dir, 'src/app.ts')
  const text = await readFile(path, 'utf8')
  await writeFile(path, text.replace(/<{7} [^\n]*\n[\s\S]*?>{7} [^\n]*\n/, `${lines.join('\n')}\n`))
}

async function commitMerge(
  s: ScenarioBuilder,
  message = 'Merge branch feature: cached user list and POST /users',
) {
  await s.run(['add', '-A'])
  await s.run(['commit', '-q', '--no-verify', '-m', message])
}

export default defineSuite<GitCheckContext>({
  checks,
  solution: {
    async apply(dir) {
      const s = ScenarioBuilder.open(dir)
      await startMerge(s)
      await resolveApp(dir, [USERS_NEW, ORDERS, CREATE])
      await commitMerge(s)
    },
  },
  alternatives: [
    {
      id: 'markdown-heading-underline',
      title: 'Merged, and added notes whose Markdown heading is underlined with =======',
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await startMerge(s)
        await resolveApp(dir, [USERS_NEW, ORDERS, CREATE])
        await writeFile(join(dir, 'MERGE-NOTES.md'), 'Merge notes\n=======\n\nKept both sides.\n')
        await commitMerge(s)
      },
    },
    {
      id: 'merged-from-feature-side',
      title: 'Merged main into feature, reformatted the table, then fast-forwarded main',
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await s.checkout('feature')
        const r = await s.run(['merge', '-q', '--no-edit', 'main'], { allowFailure: true })
        if (r.code === 0) throw new Error('expected the merge to conflict')
        await resolveApp(dir, [
          '  {',
          '    method: "GET",',
          '    path: "/users",',
          '    handler: "listUsers",',
          '    cacheSeconds: 60,',
          '    auth: true,',
          '  },',
          '  { method: "POST", path: "/users", handler: "createUser" },',
          '  { method: "GET", path: "/orders", handler: "listOrders", auth: true },',
        ])
        await commitMerge(s, 'Resolve route table conflict with main')
        await s.checkout('main')
        await s.run(['merge', '-q', '--ff-only', 'feature'])
      },
    },
  ],
  fixtures: [
    {
      id: 'only-separator-left',
      title: 'Deleted the <<<<<<< and >>>>>>> lines but left the ======= line',
      fails: ['no-conflict-markers'],
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await startMerge(s)
        const path = join(dir, 'src/app.ts')
        const text = await readFile(path, 'utf8')
        await writeFile(path, text.replace(/^(<{7}|>{7}) [^\n]*\n/gm, ''))
        await commitMerge(s)
      },
    },
    {
      id: 'markers-committed',
      title: 'Committed the file with the conflict markers still in it',
      fails: ['no-conflict-markers'],
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await startMerge(s)
        await commitMerge(s)
      },
    },
    {
      id: 'kept-main-side-only',
      title: "Resolved with main's side only (`git checkout --ours`)",
      fails: ['both-sides-kept'],
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await startMerge(s)
        await s.run(['checkout', '--ours', 'src/app.ts'])
        await commitMerge(s)
      },
    },
    {
      id: 'kept-both-lines',
      title: 'Kept both sides line by line, so GET /users is declared twice',
      fails: ['no-duplicate-routes'],
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await startMerge(s)
        await resolveApp(dir, [USERS_OLD, ORDERS, USERS_NEW.replace(' auth: true,', ''), CREATE])
        await commitMerge(s)
      },
    },
    {
      id: 'squash-merged',
      title: 'Used `git merge --squash`: the changes are there, the history is not',
      fails: ['feature-merged-into-main', 'merge-commit-has-both-parents'],
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await startMerge(s, ['--squash'])
        await resolveApp(dir, [USERS_NEW, ORDERS, CREATE])
        await commitMerge(s, 'Add cached user list and POST /users')
      },
    },
    {
      id: 'lost-clean-change',
      title: "Resolved src/app.ts but also reset src/handlers/users.ts to main's version",
      fails: ['other-changes-kept'],
      async apply(dir) {
        const s = ScenarioBuilder.open(dir)
        await startMerge(s)
        await resolveApp(dir, [USERS_NEW, ORDERS, CREATE])
        await s.run(['checkout', 'HEAD', '--', 'src/handlers/users.ts'])
        await commitMerge(s)
      },
    },
  ],
})
