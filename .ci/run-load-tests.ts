/**
 * `pnpm test:load`: the e2e, transcript and verify tests while CPU hogs oversubscribe the machine
 * four times over. They must pass unchanged: no verdict and no transcript may depend on load.
 * Hogs are Debian's stress-ng when installed, else node busy loops; both are bounded in time and
 * killed when the tests end. Not part of .ci/run (it is slow by design); run it before a release.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { availableParallelism, loadavg } from 'node:os'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const OVERSUBSCRIBE = 4
const HOG_LIMIT_S = Number(process.env.LABS_LOAD_HOG_LIMIT_S) || 45 * 60
const TESTS = [
  'test/cli.e2e.test.ts',
  'test/transcripts.e2e.test.ts',
  'test/verify-labs.test.ts',
  'test/interrupted-grade.e2e.test.ts',
]

function startHogs(count: number): { kind: string; children: ChildProcess[] } {
  const hasStress = spawnSync('stress-ng', ['--version'], { stdio: 'ignore' }).status === 0
  if (hasStress) {
    const child = spawn('stress-ng', ['--cpu', String(count), '--timeout', `${HOG_LIMIT_S}s`, '--quiet'], {
      stdio: 'ignore',
      detached: true,
    })
    return { kind: `stress-ng --cpu ${count}`, children: [child] }
  }
  const loop = `setTimeout(() => process.exit(0), ${HOG_LIMIT_S * 1000}); for (;;) {}`
  const children = Array.from({ length: count }, () =>
    spawn(process.execPath, ['-e', loop], { stdio: 'ignore', detached: true }),
  )
  return { kind: `${count} node busy loops`, children }
}

function stopHogs(children: ChildProcess[]): void {
  for (const child of children) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL')
    } catch {
      child.kill('SIGKILL')
    }
  }
}

const hogCount = availableParallelism() * OVERSUBSCRIBE
const hogs = startHogs(hogCount)
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    stopHogs(hogs.children)
    process.exit(130)
  })
console.log(`load: ${hogs.kind} on ${availableParallelism()} cores (limit ${HOG_LIMIT_S} s)`)
const started = Date.now()
const run = spawnSync(
  'pnpm',
  ['exec', 'vitest', 'run', ...TESTS, '--reporter=default', ...process.argv.slice(2)],
  { cwd: join(root, 'grader'), stdio: 'inherit', env: { ...process.env, LABS_UNDER_LOAD: '1' } },
)
const load = loadavg()[0]?.toFixed(1)
stopHogs(hogs.children)
console.log(
  `\nload test: ${run.status === 0 ? 'green' : 'RED'} in ${((Date.now() - started) / 1000).toFixed(0)} s under ${hogs.kind}; load average at the end ${load}`,
)
process.exit(run.status ?? 1)
