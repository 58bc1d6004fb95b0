import { execFile } from 'node:child_process'
import { join } from 'node:path'

export const repoRoot = join(import.meta.dirname, '..')

/** Runs the labs CLI as a learner would (a fresh Node process through tsx); resolves with its exit code. */
export function labs(args: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'grader/src/cli/main.ts'), ...args],
      { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1', ...env }, maxBuffer: 32 * 1024 * 1024 },
      (error) => resolve(error ? Number(error.code ?? 1) : 0),
    )
  })
}
