import { join } from 'node:path'
import { type SimpleGit, type SimpleGitOptions, simpleGit } from 'simple-git'
import { HARDENING_CONFIG, hardenedGitEnv } from './hardened-git.ts'

/**
 * The opt-ins of simple-git's safety guard (`unsafe`, categories from `@simple-git/argv-parser`)
 * that the hardening needs, each with the setting that needs it. The guard reads these settings as
 * "configuring X", although each one switches X off. Nothing else is opted into: no alias, filter,
 * textconv, diff or merge driver, include, template, exec, pack or URL rewrite.
 */
export const HARDENING_OPT_INS = {
  /** -c core.hooksPath=/dev/null/no-hooks (no hook of the repository runs). */
  allowUnsafeHooksPath: true,
  /** -c core.fsmonitor=false (no fsmonitor command of the repository runs). */
  allowUnsafeFsMonitor: true,
  /** -c core.pager=cat and GIT_PAGER=cat (no pager of the repository or the host runs). */
  allowUnsafePager: true,
  /** -c core.editor=true, -c sequence.editor=true and GIT_EDITOR=true (no editor opens). */
  allowUnsafeEditor: true,
  /** -c core.askPass= (no password prompt program runs). */
  allowUnsafeAskPass: true,
  /** -c core.sshCommand=false (no ssh command runs). */
  allowUnsafeSshCommand: true,
  /** -c credential.helper= (no credential helper runs). */
  allowUnsafeCredentialHelper: true,
  /** -c protocol.file.allow=always (the lab's local upstream; `protocol.*.allow` is one category). */
  allowUnsafeProtocolOverride: true,
  /** GIT_CONFIG_GLOBAL=/dev/null (the host user's git config is never read). */
  allowUnsafeConfigPaths: true,
} as const satisfies SimpleGitOptions['unsafe']

/**
 * simple-git strips every `GIT_*` variable from a git's environment, and rejects a task whose `.env()`
 * sets one, unless it is named in `allowEnvironment`: so the hardened environment's `GIT_*` names are.
 */
function allowedEnvironment(env: Record<string, string>): string[] {
  return Object.keys(env).filter((name) => name.startsWith('GIT_'))
}

/** Everything a hardened simple-git is made of, apart (a test takes one opt-in away to see it needed). */
export interface HardenedSimpleGitSetup {
  options: Partial<SimpleGitOptions>
  env: Record<string, string>
}

/** The options and environment of a hardened simple-git for `dir`, with `env` added (e.g. GIT_DIR). */
export function hardenedSimpleGitSetup(
  dir: string,
  env: Record<string, string> = {},
): HardenedSimpleGitSetup {
  const fullEnv = hardenedGitEnv(env)
  return {
    options: {
      baseDir: dir,
      binary: 'git',
      config: [...HARDENING_CONFIG],
      unsafe: { ...HARDENING_OPT_INS },
      allowEnvironment: allowedEnvironment(fullEnv),
      timeout: { block: 30_000 },
    },
    env: fullEnv,
  }
}

/** simple-git running git with exactly the hardened settings of {@link HardenedGit}, in `dir`. */
export function hardenedSimpleGit(dir: string, env: Record<string, string> = {}): SimpleGit {
  const setup = hardenedSimpleGitSetup(dir, env)
  return simpleGit(setup.options).env(setup.env)
}

/** Hardened simple-git for a staged copy, its git dir and work tree named (as {@link stagedGit}). */
export function stagedSimpleGit(dir: string): SimpleGit {
  return hardenedSimpleGit(dir, { GIT_DIR: join(dir, '.git'), GIT_WORK_TREE: dir })
}
