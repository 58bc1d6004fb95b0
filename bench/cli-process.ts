import { execFile, execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join, resolve } from 'node:path'

export const repoRoot = join(import.meta.dirname, '..')
/** The built CLI, as the `labs` bin and `pnpm labs` run it. */
export const labsBin = join(repoRoot, 'grader/bin/labs.js')

/**
 * The Node that runs the CLI, pnpm and the floor: this process's, or `LABS_BENCH_NODE` (a path to
 * another Node binary, e.g. Node 22 to see its module compile cache, which pnpm turns on where it
 * exists).
 */
export const benchNode = process.env.LABS_BENCH_NODE ? resolve(process.env.LABS_BENCH_NODE) : process.execPath
export const benchNodeVersion = execFileSync(benchNode, ['--version'], { encoding: 'utf8' }).trim()

/** A folder whose `node` is {@link benchNode}, put first on PATH so that pnpm's `#!/usr/bin/env node`
 * and the scripts it runs (`node grader/bin/labs.js`) use the same Node. */
function nodeFirstPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-node-'))
  symlinkSync(benchNode, join(dir, 'node'))
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }))
  return `${dir}${delimiter}${process.env.PATH ?? ''}`
}
const benchPath = nodeFirstPath()

function exitCodeOf(file: string, args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      {
        cwd: repoRoot,
        env: { ...process.env, PATH: benchPath, NO_COLOR: '1', ...env },
        maxBuffer: 32 * 1024 * 1024,
      },
      (error) => resolve(error ? Number(error.code ?? 1) : 0),
    )
  })
}

/** Runs the built labs CLI as a learner would (a fresh Node process); resolves with its exit code. */
export function labs(args: string[], env: Record<string, string> = {}): Promise<number> {
  return exitCodeOf(benchNode, [labsBin, ...args], env)
}

/** `pnpm -s <script> …`, the README's way (e.g. `pnpm grade git/first-commits`). */
export function pnpmScript(
  script: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<number> {
  return exitCodeOf('pnpm', ['-s', script, ...args], env)
}

/** `node -e 0`: the floor every CLI ratio is taken against, measured in the same run. */
export function nodeNoop(): Promise<number> {
  return exitCodeOf(benchNode, ['-e', '0'], {})
}
