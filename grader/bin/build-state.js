// Is grader/dist/ (the built CLI) fresh? Plain JavaScript on purpose: it runs before anything is built.
// grader/scripts/build-cli.ts writes dist/build-info.json with the mtime and size of every input.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const grader = join(dirname(fileURLToPath(import.meta.url)), '..')
const root = resolve(grader, '..')
const distDir = join(grader, 'dist')
const lockDir = join(grader, 'dist.lock')

function readInfo() {
  try {
    return JSON.parse(readFileSync(join(distDir, 'build-info.json'), 'utf8'))
  } catch {
    return undefined
  }
}

/** Why the build cannot be used as it is, or undefined when it is fresh. */
export function staleReason(info = readInfo(), base = root) {
  if (!info) return 'the CLI has not been built yet'
  // the build holds absolute paths: a copy of the repository (cp -a keeps every mtime) must not run
  // the original's sources and hidden suites
  if (info.root !== base) return `the CLI was built in ${info.root ?? 'another folder'}, not here`
  for (const [path, [mtimeMs, size]] of Object.entries(info.inputs)) {
    let s
    try {
      s = statSync(join(base, path))
    } catch {
      return `${path} was removed since the CLI was built`
    }
    if (s.mtimeMs !== mtimeMs || (!s.isDirectory() && s.size !== size))
      return `${path} changed since the CLI was built`
  }
  return undefined
}

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)

/** Takes the build lock (a folder: mkdir is atomic), waiting for another process's build to end. */
function withLock(fn) {
  for (;;) {
    try {
      mkdirSync(lockDir)
      break
    } catch (error) {
      if (error.code !== 'EEXIST') throw error
      // A lock older than two minutes belongs to a build that died.
      const age = Date.now() - statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs
      if (age > 120_000) rmSync(lockDir, { recursive: true, force: true })
      sleep(100)
    }
  }
  try {
    return fn()
  } finally {
    rmSync(lockDir, { recursive: true, force: true })
  }
}

/** Runs the build (through tsx: the build script is TypeScript); true when it succeeded. */
export function runBuild() {
  const r = spawnSync(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), join(grader, 'scripts/build-cli.ts')],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  )
  return r.status === 0
}

/**
 * The build, rebuilt first when a source changed since (said on stderr: a stale build never runs
 * silently). Throws when the rebuild fails.
 */
export function freshBuild() {
  let reason = staleReason()
  if (reason) {
    withLock(() => {
      reason = staleReason()
      if (!reason) return
      process.stderr.write(`labs: ${reason}: rebuilding…\n`)
      if (!runBuild()) throw new Error('the CLI build failed (see above); fix the error and run `labs` again')
    })
  }
  const info = readInfo()
  return { root, distDir, labModules: info.labModules, kits: info.kits }
}
