/**
 * `pnpm demo`: a learner's path in one go, in a throwaway workspace so nothing of yours is touched:
 * list the labs, start the first Git lab, grade the untouched starter (it fails, with hints),
 * apply the reference solution the way a learner would with git, and grade again (it passes).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pc from 'picocolors'
import { AppContext } from '../src/cli/app-context.ts'
import { runCli } from '../src/cli/main.ts'

const LAB = 'git/first-commits'
const sandbox = await mkdtemp(join(tmpdir(), 'labs-demo-'))
const env = {
  ...process.env,
  LABS_WORKSPACE_DIR: join(sandbox, 'workspaces'),
  LABS_STATE_DIR: join(sandbox, 'state'),
}
const app = new AppContext(undefined, undefined, env)
const say = (text: string) => process.stdout.write(`\n${pc.bold(pc.magenta(`▶ ${text}`))}\n`)

try {
  say('labs list --track git')
  await runCli(['list', '--track', 'git'], app)
  say(`labs start ${LAB}`)
  await runCli(['start', LAB], app)
  say(`labs grade ${LAB}   (the untouched starter)`)
  const before = await runCli(['grade', LAB], app)
  say('…the learner does the task (here: the reference solution, applied with real git)…')
  const suite = (await import(`../suites/${LAB}/suite.ts`)).default
  await suite.solution.apply(app.paths.workspace(LAB))
  say(`labs grade ${LAB}`)
  const after = await runCli(['grade', LAB], app)
  process.stdout.write(`\n${pc.bold('demo:')} starter exit ${before}, solution exit ${after}\n`)
  process.exitCode = before === 1 && after === 0 ? 0 : 1
} finally {
  await rm(sandbox, { recursive: true, force: true })
}
