import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const grader = fileURLToPath(new URL('..', import.meta.url))
export const repoRoot = join(grader, '..')
/** The built CLI, as `pnpm labs` and the `labs` bin run it (test/build-cli.setup.ts builds it first). */
export const labsBin = join(grader, 'bin/labs.js')

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/** A sandbox for CLI runs: its own workspaces and state, so tests never touch the learner's. */
export class CliSandbox {
  private constructor(readonly dir: string) {}

  static async create(): Promise<CliSandbox> {
    return new CliSandbox(await mkdtemp(join(tmpdir(), 'labs-e2e-')))
  }

  get workspaces(): string {
    return join(this.dir, 'workspaces')
  }

  get state(): string {
    return join(this.dir, 'state')
  }

  workspace(id: string): string {
    return join(this.workspaces, id)
  }

  /** Runs the built `labs …` as a subprocess, the way a learner or CI does. */
  run(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [labsBin, ...args],
        {
          cwd: repoRoot,
          env: {
            ...process.env,
            NO_COLOR: '1',
            LABS_WORKSPACE_DIR: this.workspaces,
            LABS_STATE_DIR: this.state,
            ...env,
          },
          encoding: 'utf8',
          timeout: 120_000,
        },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      )
    })
  }

  async dispose(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true })
  }
}

/** A digest of every file (path, mode and content) under a folder, .git included. */
export async function treeDigest(dir: string): Promise<string> {
  const hash = createHash('sha256')
  const entries = (await readdir(dir, { recursive: true, withFileTypes: true })).sort((a, b) =>
    join(a.parentPath, a.name).localeCompare(join(b.parentPath, b.name)),
  )
  for (const e of entries) {
    const full = join(e.parentPath, e.name)
    hash.update(`${relative(dir, full)}\0${e.isDirectory() ? 'd' : e.isSymbolicLink() ? 'l' : 'f'}\0`)
    if (e.isFile()) hash.update(await readFile(full))
  }
  return hash.digest('hex')
}

/** Strips what changes from run to run (timings, temp paths) from CLI output. */
export function normalise(text: string, sandbox: CliSandbox): string {
  return text
    .replaceAll(sandbox.dir, '<sandbox>')
    .replace(/\d+(\.\d+)? s\b/g, '<t> s')
    .replace(/\d{8}T\d{6}Z/g, '<timestamp>')
}
