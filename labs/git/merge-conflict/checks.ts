import {
  describeCommit,
  expectBranch,
  findConflictMarkers,
  type GitCheckContext,
  plural,
  shortSha,
} from '@backend-labs/git-kit'
import { defineChecks, fail } from '@backend-labs/lab-kit'
import { type RouteEntry, routeName, routesOnMain } from './route-table.ts'
import { starterTips } from './starter-tips.ts'

const APP = 'src/app.ts'

/** What each side intended, as a test of the merged table. */
const INTENDED: { what: string; holds: (r: RouteEntry[]) => boolean }[] = [
  { what: 'the GET /health route both branches kept', holds: (r) => has(r, 'GET', '/health') },
  { what: "main's auth: true on GET /users", holds: (r) => has(r, 'GET', '/users', (e) => e.auth === true) },
  {
    what: "main's GET /orders route",
    holds: (r) => has(r, 'GET', '/orders', (e) => e.handler === 'listOrders'),
  },
  {
    what: "feature's cacheSeconds: 60 on GET /users",
    holds: (r) => has(r, 'GET', '/users', (e) => e.cacheSeconds === 60),
  },
  {
    what: "feature's POST /users route",
    holds: (r) => has(r, 'POST', '/users', (e) => e.handler === 'createUser'),
  },
]

function has(
  routes: RouteEntry[],
  method: string,
  path: string,
  also: (e: RouteEntry) => boolean = () => true,
) {
  return routes.some((e) => e.method === method && e.path === path && also(e))
}

export default defineChecks<GitCheckContext>('public', [
  {
    id: 'feature-merged-into-main',
    title: "main contains every commit of feature's original branch",
    points: 2,
    // The first grade in a process rebuilds the starter scenario to learn its branch tips.
    timeoutMs: 60_000,
    hints: ['Merge, do not rebase or squash: `git switch main && git merge feature`.'],
    async run(ctx) {
      const graph = await (await ctx.repo()).graph()
      const main = expectBranch(graph, 'main')
      const tips = await starterTips()
      const featureTip = tips.feature!
      if (graph.isAncestor(featureTip, main.target)) return
      const known = graph.commit(featureTip) !== undefined
      fail({
        expected: "main to contain feature's commits",
        found: known
          ? `main is missing ${plural(graph.only(featureTip, main.target).length, 'commit')} of feature (${graph
              .only(featureTip, main.target)
              .map(describeCommit)
              .join(', ')})`
          : `feature's original commits (tip ${shortSha(featureTip)}) are not in main's history; they were rewritten or deleted`,
        where: 'branch main',
        hint: 'merge the branch as it is: `git switch main && git merge feature` (a squash merge or a rebase copies the changes but not the commits)',
      })
    },
  },
  {
    id: 'merge-commit-has-both-parents',
    title: "main's tip is a merge commit of main's and feature's previous tips",
    points: 2,
    // The first grade in a process rebuilds the starter scenario to learn its branch tips.
    timeoutMs: 60_000,
    hints: ['A true merge commit has two parents; `git log --graph --oneline --all` shows them.'],
    async run(ctx) {
      const graph = await (await ctx.repo()).graph()
      const main = expectBranch(graph, 'main')
      const tips = await starterTips()
      const tip = graph.commit(main.target)!
      const want = [tips.main!, tips.feature!]
      if (want.every((p) => tip.parents.includes(p))) return
      const start = `\`git reset --hard ${shortSha(tips.main!)}\` puts main back where it started`
      if (tip.sha === tips.main) {
        fail({
          expected: 'a merge commit on top of main',
          found: `main still points at its starting commit ${describeCommit(tip)}`,
          where: 'branch main',
          hint: 'run `git merge feature` on main, resolve the conflict, `git add` the file and `git commit`',
        })
      }
      fail({
        expected: `main's tip to be a merge commit whose parents are main's previous tip ${shortSha(tips.main!)} and feature's tip ${shortSha(tips.feature!)}`,
        found:
          tip.parents.length < 2
            ? `main's tip ${describeCommit(tip)} has one parent: it is not a merge commit`
            : `main's tip ${describeCommit(tip)} merges ${tip.parents.map(shortSha).join(' and ')}`,
        where: 'branch main',
        hint: `${start}; then \`git merge feature\` (without --squash), resolve and commit`,
      })
    },
  },
  {
    id: 'no-conflict-markers',
    title: 'No conflict markers remain in any file on main',
    points: 2,
    hints: ['Search for leftovers with `git grep -n -E "^(<<<<<<<|=======|>>>>>>>)"`.'],
    async run(ctx) {
      const repo = await ctx.repo()
      expectBranch(await repo.graph(), 'main')
      const grep = await repo.git.run(
        ['grep', '-l', '-I', '-E', '^(<{7}|={7}|>{7}|[|]{7})( |$)', 'main', '--'],
        {
          allowFailure: true,
        },
      )
      const places: string[] = []
      for (const hit of grep.stdout.split('\n').filter(Boolean)) {
        const path = hit.slice('main:'.length)
        const lines = findConflictMarkers((await repo.fileAt('main', path)) ?? '', path).map((m) => m.line)
        if (lines.length) places.push(`${path}:${lines.join(', ')}`)
      }
      if (places.length === 0) return
      fail({
        expected: 'no conflict markers in the files on main',
        found: `conflict markers remain in ${places.join('; ')}`,
        where: places[0]!.replace(/,.*/, ''),
        hint: 'edit the file so it holds the combined result, delete every <<<<<<<, ======= and >>>>>>> line, then commit the fix',
      })
    },
  },
  {
    id: 'both-sides-kept',
    title: "The merged route table keeps both main's and feature's changes",
    points: 3,
    needs: ['no-conflict-markers'],
    hints: ['Resolving a conflict means combining both intentions, not picking one side.'],
    async run(ctx) {
      const routes = await routesOnMain(await ctx.repo())
      const lost = INTENDED.filter((i) => !i.holds(routes))
      if (lost.length === 0) return
      fail({
        expected: 'the route table to keep what both branches added',
        found: `it lacks ${lost.map((l) => l.what).join(', ')} (routes now: ${routes.map(routeName).join(', ')})`,
        where: `${APP} on main`,
        hint: 'GET /users must end up with both `auth: true` and `cacheSeconds: 60`, next to GET /orders and POST /users; fix the file and commit',
      })
    },
  },
])
