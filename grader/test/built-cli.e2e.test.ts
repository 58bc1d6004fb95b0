import { mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { staleReason } from '../bin/build-state.js'
import { CliSandbox, labsBin, repoRoot } from './cli-harness.ts'

// The `labs` bin runs grader/dist/ with plain node; it never runs a build older than its sources, and lab
// code the build did not compile still shares the build's lab-kit (its failures stay failures).
let sb: CliSandbox
let scratch = ''

beforeAll(async () => {
  sb = await CliSandbox.create()
  scratch = await mkdtemp(join(tmpdir(), 'labs-build-'))
})
afterAll(async () => {
  await sb.dispose()
  await rm(scratch, { recursive: true, force: true })
})

describe('the built CLI', () => {
  it('runs compiled JavaScript: the bin imports the build, not tsx or the sources', async () => {
    const bin = await readFile(labsBin, 'utf8')
    expect(bin).toMatch(/dist\/cli\.js/)
    expect(bin).not.toMatch(/tsx|src\/cli/)
    const info = JSON.parse(await readFile(join(labsBin, '../../dist/build-info.json'), 'utf8'))
    expect(Object.keys(info.inputs)).toContain('grader/src/cli/main.ts')
    expect(info.root).toBe(repoRoot)
    expect(info.labModules['labs/git/first-commits/checks.ts']).toBe(
      'lab-code/labs/git/first-commits/checks.js',
    )
  })

  it('calls a build stale when one of its inputs changed, and names it', async () => {
    const file = join(scratch, 'a.ts')
    await writeFile(file, 'export {}\n')
    const s = await stat(file)
    const info = { root: scratch, inputs: { 'a.ts': [s.mtimeMs, s.size] as [number, number] } }
    expect(staleReason(info, scratch)).toBeUndefined()
    // a copy of the repository (every mtime kept) has the original's paths in its build
    expect(staleReason({ ...info, root: '/elsewhere' }, scratch)).toBe(
      'the CLI was built in /elsewhere, not here',
    )
    expect(staleReason({ inputs: info.inputs }, scratch)).toBe(
      'the CLI was built in another folder, not here',
    )
    await utimes(file, new Date(), new Date(Date.now() + 5000))
    expect(staleReason(info, scratch)).toBe('a.ts changed since the CLI was built')
    await rm(file)
    expect(staleReason(info, scratch)).toBe('a.ts was removed since the CLI was built')
  })

  it('loads a hidden suite the build never saw through the loader, sharing lab-kit with the build', async () => {
    const dir = join(scratch, 'suites', 'git', 'first-commits')
    await mkdir(dir, { recursive: true })
    await writeFile(join(scratch, 'suites', 'package.json'), '{ "type": "module" }\n')
    await writeFile(
      join(dir, 'suite.ts'),
      `import { defineChecks, defineSuite, fail } from '@backend-labs/lab-kit'
const reason: string = 'a suite outside the build'
export default defineSuite({
  checks: defineChecks('hidden', [
    { id: 'outside-build', title: 'Loaded from outside the build', points: 1, async run() { fail(reason) } },
  ]),
  solution: {},
  fixtures: [],
})
`,
    )
    await sb.run(['start', 'git/first-commits'])
    const r = await sb.run(['grade', 'git/first-commits', '--verbose'], {
      LABS_SUITES_DIR: join(scratch, 'suites'),
    })
    expect(r.code, r.stdout + r.stderr).toBe(1)
    // A CheckFailure from a second copy of lab-kit would be reported as a grader error instead.
    expect(r.stdout).toMatch(
      /✗ Loaded from outside the build \[hidden\] \(0\/1\)\n\s+expected a suite outside the build\n/,
    )
  })
})
