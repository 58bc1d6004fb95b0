import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import { scratchRoots } from '@backend-labs/lab-kit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LabCatalog } from '../src/engine/lab-catalog.ts'
import { loadSuite } from '../src/engine/lab-modules.ts'
import { ProjectPaths } from '../src/engine/project-paths.ts'
import { materializeStarter } from '../src/engine/starter.ts'
import { labsBin, repoRoot } from './cli-harness.ts'
import { dockerSkipReason } from './docker-availability.ts'

// Nothing the grader starts outlives it: a grade killed with SIGKILL leaves containers behind, and the
// next run removes them; a grade interrupted with SIGINT or SIGTERM removes its own before exiting.
const LAB = 'docker/rest-contract'
const docker = (...args: string[]) =>
  promisify(execFile)('/usr/bin/docker', args).then((r) => r.stdout.trim())
const skip = await dockerSkipReason()
let sandbox = ''
let submission = ''

async function labelled(kind: 'ps' | 'network', pid: number): Promise<string[]> {
  const args = kind === 'ps' ? ['ps', '-aq'] : ['network', 'ls', '-q']
  const out = await docker(...args, '--filter', `label=org.backend-labs.pid=${pid}`)
  return out.split('\n').filter(Boolean)
}

function startGrade(): ChildProcess {
  return spawn(process.execPath, [labsBin, 'grade', LAB, '--submission', submission], {
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: '1', LABS_STATE_DIR: join(sandbox, 'state') },
    stdio: 'ignore',
  })
}

/** The grader's temporary folders of process `pid` (named `labs-<kind>-<pid>-…`), in every scratch root. */
async function tempDirsOf(pid: number): Promise<string[]> {
  const names = await Promise.all(scratchRoots().map((root) => readdir(root)))
  return names.flat().filter((n) => n.startsWith('labs-') && n.includes(`-${pid}-`))
}

async function waitForContainer(pid: number): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if ((await labelled('ps', pid)).length > 0) return
    await sleep(200)
  }
  throw new Error('the grade never started a container')
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))),
  )

describe.skipIf(skip !== undefined)(
  `interrupted grades leave nothing behind${skip ? ` (${skip})` : ''}`,
  () => {
    beforeAll(async () => {
      sandbox = await mkdtemp(join(tmpdir(), 'labs-kill-'))
      submission = join(sandbox, 'submission')
      const paths = new ProjectPaths()
      const lab = await new LabCatalog(paths).load(LAB)
      await materializeStarter(lab, paths, submission)
      const suite = await loadSuite(lab, paths)
      await cp(join(paths.suiteDir(LAB), suite!.solution.dir!), submission, { recursive: true, force: true })
    })
    afterAll(() => rm(sandbox, { recursive: true, force: true }))

    it('SIGKILL mid-grade: the next run sweeps what the killed one left', { timeout: 300_000 }, async () => {
      const killed = startGrade()
      const pid = killed.pid!
      await waitForContainer(pid)
      const done = exited(killed)
      killed.kill('SIGKILL')
      await done
      expect((await labelled('ps', pid)).length).toBeGreaterThan(0)
      expect((await labelled('network', pid)).length).toBeGreaterThan(0)
      expect((await tempDirsOf(pid)).length).toBeGreaterThan(0)

      const next = startGrade()
      const nextPid = next.pid!
      expect(await exited(next)).toBe(0)
      expect(await labelled('ps', pid)).toEqual([])
      expect(await labelled('network', pid)).toEqual([])
      expect(await labelled('ps', nextPid)).toEqual([])
      expect(await labelled('network', nextPid)).toEqual([])
      expect(await tempDirsOf(pid)).toEqual([])
      expect(await tempDirsOf(nextPid)).toEqual([])
    })

    for (const [signal, code] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const) {
      it(`${signal} mid-grade: the grader removes its own containers, then exits ${code}`, {
        timeout: 300_000,
      }, async () => {
        const child = startGrade()
        const pid = child.pid!
        await waitForContainer(pid)
        const done = exited(child)
        child.kill(signal)
        expect(await done).toBe(code)
        expect(await labelled('ps', pid)).toEqual([])
        expect(await labelled('network', pid)).toEqual([])
      })
    }
  },
)
