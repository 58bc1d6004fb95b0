import { execFile } from 'node:child_process'
import { join } from 'node:path'

export const repoRoot = join(import.meta.dirname, '..')
/** The built CLI, as the `labs` bin and `pnpm labs` run it. */
export const labsBin = join(repoRoot, 'grader/bin/labs.js')

function exitCodeOf(file: string, args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1', ...env }, maxBuffer: 32 * 1024 * 1024 },
      (error) => resolve(error ? Number(error.code ?? 1) : 0),
    )
  })
}

/** Runs the built labs CLI as a learner would (a fresh Node process); resolves with its exit code. */
export function labs(args: string[], env: Record<string, string> = {}): Promise<number> {
  return exitCodeOf(process.execPath, [labsBin, ...args], env)
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
  return exitCodeOf(process.execPath, ['-e', '0'], {})
}
