/** Shared by the seed tests: run only where a Docker engine answers, and say why when skipping. */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { describe, it } from 'vitest'
import { dockerCliPath, runDocker } from './docker-cli.ts'

export const TEST_LABEL = 'org.backend-labs.test'

function dockerCli(args: string[], timeoutMs = 10_000): { ok: boolean; out: string } {
  const result = spawnSync(dockerCliPath(), args, { encoding: 'utf8', timeout: timeoutMs })
  return { ok: result.status === 0, out: `${result.stdout ?? ''}${result.stderr ?? ''}`.trim() }
}

/** Why the seed tests cannot run here, or undefined when they can. */
export function whyNoStandIn(ref: string): string | undefined {
  if (process.env.LABS_SKIP_DOCKER === '1') return 'LABS_SKIP_DOCKER=1 is set'
  const info = dockerCli(['version', '--format', '{{.Server.Version}}'], 5000)
  if (!info.ok) {
    const lines = info.out.split('\n')
    const reason =
      lines.find((l) => /cannot connect|connection refused|no such file/i.test(l)) ?? lines.at(-1)
    return `no Docker engine is reachable (${reason || 'docker info failed'})`
  }
  if (dockerCli(['image', 'inspect', ref]).ok) return undefined
  if (process.getuid?.() !== 0) return `${ref} is missing and seeding it needs root (debootstrap)`
  if (!existsSync('/usr/sbin/debootstrap')) return `${ref} is missing and debootstrap is not installed`
  return undefined
}

/**
 * `describe` for tests that need the stand-in `ref` in a real Docker engine. Skips with the reason in
 * its title when it cannot run, except under CI=true, where that is a failure.
 */
export function describeWithStandIn(title: string, ref: string, body: () => void): void {
  const why = whyNoStandIn(ref)
  if (!why) {
    describe(title, body)
  } else if (process.env.CI === 'true') {
    describe(title, () => {
      it('runs against a real Docker engine (CI=true)', () => {
        throw new Error(`CI=true, but ${why}`)
      })
    })
  } else {
    describe.skip(`${title} (skipped: ${why})`, body)
  }
}

/** Removes the containers, then the volumes, the tests labelled `TEST_LABEL=value`. */
export async function removeLabelled(value: string): Promise<void> {
  const filter = `label=${TEST_LABEL}=${value}`
  const containers = (await runDocker(['ps', '-aq', '--filter', filter], { timeoutMs: 30_000 })).split('\n')
  const ids = containers.filter(Boolean)
  if (ids.length > 0) await runDocker(['rm', '-f', '-v', ...ids], { timeoutMs: 60_000 })
  const volumes = (await runDocker(['volume', 'ls', '-q', '--filter', filter], { timeoutMs: 30_000 })).split(
    '\n',
  )
  const names = volumes.filter(Boolean)
  if (names.length > 0) await runDocker(['volume', 'rm', '-f', ...names], { timeoutMs: 60_000 })
}

/** `docker <args>` for the tests, with a bound. */
export function docker(args: string[], timeoutMs = 60_000): Promise<string> {
  return runDocker(args, { timeoutMs })
}

/** The host port Docker published for `containerPort`. */
export async function publishedPort(container: string, containerPort: number): Promise<number> {
  const out = await docker(['port', container, `${containerPort}/tcp`])
  const port = Number(/127\.0\.0\.1:(\d+)/.exec(out)?.[1])
  if (!port) throw new Error(`no port published for ${containerPort}: ${out}`)
  return port
}
