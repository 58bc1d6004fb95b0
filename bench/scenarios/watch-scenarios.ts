import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type { BenchScenario } from '../bench-scenario.ts'
import { benchNode, labs, labsBin, repoRoot } from '../cli-process.ts'

const VERDICT = /Score: \d+\/\d+/g

/**
 * `labs watch <lab>`: from a save in the workspace to the new verdict on the watcher's output, in one
 * warm process (the latency a learner sees).
 */
function watchLatency(id: string, extraArgs: string[], edit: (ws: string, i: number) => Promise<void>) {
  let sandbox = ''
  let child: ChildProcess | undefined
  let output = ''
  let edits = 0
  const verdicts = () => output.match(VERDICT)?.length ?? 0
  const waitForVerdicts = async (n: number) => {
    for (let i = 0; i < 6000 && verdicts() < n; i++) {
      if (child?.exitCode !== null) throw new Error(`labs watch ${id} exited:\n${output}`)
      await sleep(5)
    }
    if (verdicts() < n) throw new Error(`labs watch ${id} showed no verdict:\n${output}`)
  }
  const scenario: BenchScenario = {
    name: `labs watch ${id}: save → new verdict`,
    targetMs: 300,
    runs: 9,
    async setup() {
      sandbox = await mkdtemp(join(tmpdir(), 'labs-bench-watch-'))
      const env = { LABS_WORKSPACE_DIR: join(sandbox, 'ws'), LABS_STATE_DIR: join(sandbox, 'state') }
      await labs(['start', id], env)
      child = spawn(benchNode, [labsBin, 'watch', id, ...extraArgs], {
        cwd: repoRoot,
        env: { ...process.env, NO_COLOR: '1', ...env },
        stdio: ['ignore', 'pipe', 'ignore'],
      })
      child.stdout!.on('data', (d) => {
        output += String(d)
      })
      await waitForVerdicts(1)
    },
    async run() {
      const seen = verdicts()
      const t = performance.now()
      await edit(join(sandbox, 'ws', id), edits++)
      await waitForVerdicts(seen + 1)
      return performance.now() - t
    },
    async afterEach() {
      await sleep(100) // lets a late second event of the same save settle before the next one
    },
    async teardown() {
      if (child && child.exitCode === null) {
        const exited = new Promise((resolve) => child!.once('exit', resolve))
        child.kill('SIGINT')
        await exited
      }
      await rm(sandbox, { recursive: true, force: true })
    },
  }
  return scenario
}

export const gitWatchLatency = watchLatency('git/first-commits', [], (ws, i) =>
  writeFile(join(ws, 'notes.txt'), `edit ${i}\n`),
)

let schema: string | undefined
export const sqlWatchLatency = watchLatency('sqlserver/normalise', ['--engine', 'static'], async (ws, i) => {
  schema ??= await readFile(join(ws, 'schema.sql'), 'utf8')
  await writeFile(join(ws, 'schema.sql'), `${schema}\n-- edit ${i}\n`)
})
