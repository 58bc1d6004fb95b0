/**
 * `pnpm test`: runs every package's tests through turbo, then prints one closing line for the
 * whole repository ("N passed, N failed, N skipped"), from the JSON reports vitest writes.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const REPORT = join('node_modules', '.vitest', 'report.json')

function packageDirs(): string[] {
  const dirs = ['grader', 'labs', 'bench']
  for (const name of readdirSync(join(root, 'packages'))) dirs.push(join('packages', name))
  return dirs.map((d) => join(root, d)).filter((d) => existsSync(join(d, 'package.json')))
}

for (const dir of packageDirs()) rmSync(join(dir, REPORT), { force: true })
// One package at a time: several packages' tests use the same Docker engine and its global images
// (a stand-in rebuilt by the seed tests while another package runs containers of it), and on a small
// machine parallel container tests only trade speed for flakiness.
const turbo = spawnSync(
  'pnpm',
  ['exec', 'turbo', 'run', 'test', '--continue', '--concurrency=1', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  },
)

let passed = 0
let failed = 0
let skipped = 0
for (const dir of packageDirs()) {
  const file = join(dir, REPORT)
  if (!existsSync(file)) continue
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    numPassedTests: number
    numFailedTests: number
    numPendingTests: number
    numTodoTests: number
  }
  passed += report.numPassedTests
  failed += report.numFailedTests
  skipped += report.numPendingTests + report.numTodoTests
}
const code = turbo.status ?? 1
if (code !== 0 && failed === 0) failed = 1 // a package failed before or outside its tests
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(code)
