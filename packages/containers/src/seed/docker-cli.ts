import { existsSync } from 'node:fs'
import { runProcess } from './run-process.ts'

/**
 * The docker CLI to use. Debian's `/usr/bin/docker` is preferred: some machines also carry a newer
 * client in /usr/local/bin without buildx (BuildKit builds fail through it). `LABS_DOCKER_CLI` wins.
 */
export function dockerCliPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LABS_DOCKER_CLI) return env.LABS_DOCKER_CLI
  return existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker'
}

/** Runs `docker <args>`; the legacy builder is forced so `docker build` needs no buildx plugin. */
export function runDocker(
  args: string[],
  options: { timeoutMs: number; cwd?: string; stdoutFile?: string },
): Promise<string> {
  return runProcess(dockerCliPath(), args, {
    ...options,
    env: { ...process.env, DOCKER_BUILDKIT: '0', DOCKER_CLI_HINTS: 'false' },
  })
}
