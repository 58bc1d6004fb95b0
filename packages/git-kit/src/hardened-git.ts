import { execFile } from 'node:child_process'

/**
 * Settings (`-c key=value`) that stop git from running anything a repository (or the user's own
 * config) configures. Every git the grader runs gets them: through {@link HardenedGit}, the
 * `cat-file --batch` process, and simple-git (see simple-git-client.ts, which names the opt-ins of
 * simple-git's safety guard that these settings need).
 */
export const HARDENING_CONFIG: readonly string[] = [
  'core.hooksPath=/dev/null/no-hooks',
  'core.fsmonitor=false',
  'core.attributesFile=/dev/null',
  'core.pager=cat',
  'core.editor=true',
  'sequence.editor=true',
  'core.askPass=',
  'core.sshCommand=false',
  'credential.helper=',
  'commit.gpgsign=false',
  'tag.gpgsign=false',
  'safe.directory=*',
  'advice.detachedHead=false',
  'init.defaultBranch=main',
  'protocol.file.allow=always',
  'gc.auto=0',
  'maintenance.auto=false',
  'color.ui=false',
]

export interface GitIdentity {
  name: string
  email: string
}

export interface GitRunOptions {
  /** Extra environment, e.g. fixed dates for the scenario builder. */
  env?: Record<string, string>
  /** Return the result instead of throwing when git exits non-zero. */
  allowFailure?: boolean
  timeoutMs?: number
  input?: string
}

export interface GitResult {
  stdout: string
  stderr: string
  code: number
}

export class GitCommandError extends Error {
  override readonly name = 'GitCommandError'
  constructor(
    readonly args: readonly string[],
    readonly result: GitResult,
  ) {
    super(`git ${args.join(' ')} exited ${result.code}: ${result.stderr.trim() || result.stdout.trim()}`)
  }
}

/** The environment every git the grader runs gets: no user or system config, UTC, no prompts. */
export function hardenedGitEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: '/nonexistent',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_ATTR_NOSYSTEM: '1',
    // refs/replace/* would make git show other commits than those stored (a forged history).
    GIT_NO_REPLACE_OBJECTS: '1',
    GIT_TERMINAL_PROMPT: '0',
    GIT_PAGER: 'cat',
    GIT_EDITOR: 'true',
    GIT_OPTIONAL_LOCKS: '0',
    LC_ALL: 'C',
    TZ: 'UTC',
    ...extra,
  }
}

/** git's argument vector with the hardening settings in front of `args`. */
export function hardenedArgv(args: readonly string[]): string[] {
  return [...HARDENING_CONFIG.flatMap((c) => ['-c', c]), ...args]
}

/** Runs git in one directory with hardened settings. */
export class HardenedGit {
  constructor(
    readonly cwd: string,
    private readonly baseEnv: Record<string, string> = {},
  ) {}

  run(args: readonly string[], options: GitRunOptions = {}): Promise<GitResult> {
    const argv = hardenedArgv(args)
    return new Promise((resolve, reject) => {
      const child = execFile(
        'git',
        argv,
        {
          cwd: this.cwd,
          env: hardenedGitEnv({ ...this.baseEnv, ...options.env }),
          timeout: options.timeoutMs ?? 30_000,
          maxBuffer: 64 * 1024 * 1024,
          encoding: 'utf8',
        },
        (error, stdout, stderr) => {
          if (error && typeof error.code !== 'number') {
            reject(error.code === 'ENOENT' ? new Error('git is not installed or not on PATH') : error)
            return
          }
          const result = { stdout, stderr, code: error ? Number(error.code) : 0 }
          if (result.code !== 0 && !options.allowFailure) reject(new GitCommandError(args, result))
          else resolve(result)
        },
      )
      if (options.input !== undefined) child.stdin?.end(options.input)
    })
  }

  /** Runs git and returns trimmed stdout. */
  async text(args: readonly string[], options: GitRunOptions = {}): Promise<string> {
    return (await this.run(args, options)).stdout.trim()
  }
}
