import { execFile } from 'node:child_process'
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { benchNode, labsBin, repoRoot } from '../cli-process.ts'
import { solutionDir } from '../submission-dir.ts'

export interface CountResult {
  name: string
  count: number
  detail?: string
}

const run = promisify(execFile)

/**
 * How many git processes one `labs grade` starts: a `git` shim first on PATH logs each call (the grader
 * passes PATH through to git), then execs the real git.
 */
async function gitProcesses(id: string, env: Record<string, string> = {}): Promise<number> {
  const shimDir = await mkdtemp(join(tmpdir(), 'labs-bench-shim-'))
  const submission = await solutionDir(id)
  try {
    const { stdout: realGit } = await run('sh', ['-c', 'command -v git'])
    const log = join(shimDir, 'calls.log')
    await writeFile(log, '')
    await writeFile(join(shimDir, 'git'), `#!/bin/sh\necho x >> '${log}'\nexec '${realGit.trim()}' "$@"\n`)
    await chmod(join(shimDir, 'git'), 0o755)
    // Counted whatever the verdict (a check that timed out on a loaded machine still ran its git).
    await run(benchNode, [labsBin, 'grade', id, '--submission', submission], {
      cwd: repoRoot,
      env: { ...process.env, ...env, PATH: `${shimDir}:${process.env.PATH}` },
    }).catch(() => undefined)
    return (await readFile(log, 'utf8')).split('\n').filter(Boolean).length
  } finally {
    await rm(shimDir, { recursive: true, force: true })
    await rm(dirname(submission), { recursive: true, force: true })
  }
}

const count = (id: string, batch: boolean) => async (): Promise<CountResult> => ({
  name: `git processes per grade of ${id} (reference solution), ${batch ? 'reads through cat-file --batch' : 'a process per read (LABS_GIT_BATCH=0, as before)'}`,
  count: await gitProcesses(id, batch ? {} : { LABS_GIT_BATCH: '0' }),
})

/** Counts `pnpm bench` reports after the timings: each lab with object reads batched, and without. */
export const COUNTS = ['git/first-commits', 'git/rebase-squash', 'git/bisect-regression'].flatMap((id) => [
  count(id, false),
  count(id, true),
])
