import { expectBranch, type GitCheckContext, plural } from '@backend-labs/git-kit'
import { defineChecks, fail } from '@backend-labs/lab-kit'
import { FEATURE_BRANCH, SECRET_SUBJECT } from './scenario.ts'
import { describeLeak, findLeaks, gitignoreIgnores, leftoverRefHints } from './secret-scan.ts'

const B = FEATURE_BRANCH
const SHOWN_LEAKS = 3

/** Work of the branch's other commits that must survive the rewrite, judged by content. */
const KEPT_WORK = [
  { path: 'src/payments.js', mustContain: 'export async function charge(', from: 'Add payments client' },
  { path: 'src/refunds.js', mustContain: 'export async function refund(', from: 'Add refunds' },
  { path: 'src/config.js', mustContain: 'timeoutMs: 10000', from: 'Give slow payment calls more time' },
  { path: 'test/payments.test.js', mustContain: "test('payments use euros'", from: 'Add payments tests' },
]

export default defineChecks<GitCheckContext>('public', [
  {
    id: 'secret-gone-from-history',
    title: 'No commit reachable from any branch or tag contains the leaked key',
    points: 3,
    timeoutMs: 20_000,
    hints: [
      'Deleting the key in a new commit is not enough: every older commit still holds it.',
      `\`git rebase -i main\` on ${B}, mark "${SECRET_SUBJECT}" as \`edit\`, fix that commit, then \`git rebase --continue\`.`,
    ],
    async run(ctx) {
      const repo = await ctx.repo()
      const leaks = await findLeaks(repo)
      if (leaks.length === 0) return
      const graph = await repo.graph()
      const extra = leftoverRefHints(graph, leaks)
      fail({
        expected: 'the leaked key in no commit of any branch, tag, stash or backup ref',
        found: `it is still in ${plural(leaks.length, 'commit')}: ${leaks
          .slice(0, SHOWN_LEAKS)
          .map((l) => describeLeak(graph, l))
          .join('; ')}${leaks.length > SHOWN_LEAKS ? `; and ${leaks.length - SHOWN_LEAKS} more` : ''}`,
        hint: extra.length
          ? `the rewritten branch is not the only thing that keeps the old commits: ${extra.join('; ')}`
          : `rewrite ${B} from the commit that added the key (\`git rebase -i main\`, \`edit\` it, amend, continue)`,
      })
    },
  },
  {
    id: 'other-changes-kept',
    title: `The rest of the work on ${B} survived the rewrite`,
    points: 2,
    hints: [
      'Rewrite only the commit that added the key; keep every later commit (a rebase replays them for you).',
    ],
    async run(ctx) {
      const repo = await ctx.repo()
      const branch = expectBranch(await repo.graph(), B)
      const missing: string[] = []
      for (const w of KEPT_WORK) {
        const content = await repo.fileAt(branch.target, w.path)
        if (!content?.includes(w.mustContain)) missing.push(`${w.path} (from "${w.from}")`)
      }
      if (missing.length === 0) return
      fail({
        expected: `${B} to keep the changes of its other commits`,
        found: `it lacks ${missing.join(', ')}`,
        where: `branch ${B}`,
        hint: 'your reflog still has the old tip (`git reflog`): rebuild from it, and rewrite only the commit with the key',
      })
    },
  },
  {
    id: 'config-reads-env',
    title: 'src/config.js reads the key from the PAYMENTS_API_KEY environment variable',
    points: 2,
    hints: ['`apiKey: process.env.PAYMENTS_API_KEY` keeps the key out of the code.'],
    async run(ctx) {
      const repo = await ctx.repo()
      const branch = expectBranch(await repo.graph(), B)
      const content = await repo.fileAt(branch.target, 'src/config.js')
      if (content?.includes('process.env.PAYMENTS_API_KEY')) return
      const line = content?.split('\n').findIndex((l) => l.includes('apiKey')) ?? -1
      fail({
        expected: 'the payments API key to come from `process.env.PAYMENTS_API_KEY`',
        found: content === undefined ? 'no src/config.js' : 'the key is not read from the environment',
        where: line >= 0 ? `src/config.js:${line + 1} on ${B}` : `src/config.js on ${B}`,
        hint: 'set `apiKey: process.env.PAYMENTS_API_KEY` and commit',
      })
    },
  },
  {
    id: 'env-file-ignored',
    title: '.env is not tracked and .gitignore ignores it',
    points: 2,
    hints: ['Keep the real (new) key in a local .env that git ignores; commit only .env.example.'],
    async run(ctx) {
      const repo = await ctx.repo()
      const branch = expectBranch(await repo.graph(), B)
      const tracked = (await repo.filesAt(branch.target)).includes('.env')
      const ignored = await gitignoreIgnores((await repo.fileAt(branch.target, '.gitignore')) ?? '', '.env')
      if (!tracked && ignored) return
      fail({
        expected: '.env untracked, and a rule for it in the committed .gitignore',
        found: [tracked && '.env is tracked', !ignored && '.gitignore does not ignore .env']
          .filter(Boolean)
          .join(' and '),
        where: `branch ${B}`,
        hint: `${tracked ? '`git rm --cached .env`, ' : ''}add \`.env\` to .gitignore and commit`,
      })
    },
  },
])
