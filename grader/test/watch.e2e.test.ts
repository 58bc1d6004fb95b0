import { type ChildProcess, spawn } from 'node:child_process'
import { readdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CliSandbox, labsBin, repoRoot } from './cli-harness.ts'

// `labs watch`: one process grades on start, again on every save and every commit, and Ctrl-C
// (SIGINT) ends it with nothing left behind. Waits are generous; nothing here measures speed.
const LAB = 'git/first-commits'
let sb: CliSandbox
let child: ChildProcess
let output = ''

async function waitFor(pattern: RegExp, what: string, from = 0): Promise<string> {
  for (let i = 0; i < 900; i++) {
    const m = output.slice(from).match(pattern)
    if (m) return m[0]
    if (child.exitCode !== null) break
    await sleep(200)
  }
  throw new Error(`labs watch never showed ${what}; its output:\n${output}`)
}

beforeAll(async () => {
  sb = await CliSandbox.create()
  expect((await sb.run(['start', LAB])).code).toBe(0)
})
afterAll(async () => {
  if (child?.exitCode === null) child.kill('SIGKILL')
  await sb.dispose()
})

describe('labs watch', () => {
  it('grades at once, again after a save and after commits, and exits on SIGINT leaving nothing', async () => {
    child = spawn(process.execPath, [labsBin, 'watch', LAB], {
      cwd: repoRoot,
      env: {
        ...process.env,
        NO_COLOR: '1',
        LABS_WORKSPACE_DIR: sb.workspaces,
        LABS_STATE_DIR: sb.state,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout!.on('data', (d) => {
      output += String(d)
    })
    child.stderr!.on('data', (d) => {
      output += String(d)
    })
    await waitFor(/· first grade\n[\s\S]*?Score: \d+\/9 \(\d+%\) · \d checks? to fix/, 'the first verdict')

    let mark = output.length
    await writeFile(join(sb.workspace(LAB), 'notes.txt'), 'a note\n')
    await waitFor(/· saved notes\.txt\n[\s\S]*?Score: \d+\/9/, 'a verdict after the save', mark)

    mark = output.length
    const suite = (await import('../suites/git/first-commits/suite.ts')).default
    await suite.solution.apply!(sb.workspace(LAB))
    await waitFor(/· new commit or branch\n[\s\S]*?Score: 9\/9 \(100%\) · passed/, 'the solved verdict', mark)

    const pid = child.pid!
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    child.kill('SIGINT')
    expect(await exited).toBe(130)
    const leftovers = (await readdir(tmpdir())).filter((n) => n.startsWith('labs-') && n.includes(`-${pid}-`))
    expect(leftovers).toEqual([])
  })
})
