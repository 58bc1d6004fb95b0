import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { KNOWN_SLUG_VERSIONS } from '../../labs/git/bisect-regression/slug-verdict.ts'
import { TEST_SCRIPT } from '../../labs/git/bisect-regression/slugkit-files.ts'

const run = promisify(execFile)
const dirs: string[] = []
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
})

/**
 * The bisect lab grades by looking `lib/slug.sh` up in a table instead of running learner code.
 * This proves the table against the real script: each known version (the lab's own text, never a
 * submission's) is run with the lab's test.sh, and the table's verdict and summary must match.
 */
describe('bisect-regression verdict table', () => {
  for (const [i, [slug, verdict]] of [...KNOWN_SLUG_VERSIONS].entries()) {
    it(`version ${i + 1}: sh test.sh ${verdict.passed ? 'passes' : 'fails'}`, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'slug-table-'))
      dirs.push(dir)
      await mkdir(join(dir, 'lib'))
      await writeFile(join(dir, 'lib', 'slug.sh'), slug)
      await writeFile(join(dir, 'test.sh'), TEST_SCRIPT)
      const out = await run('sh', ['test.sh'], {
        cwd: dir,
        env: { PATH: '/usr/bin:/bin', LC_ALL: 'C' },
      }).then(
        (r) => ({ passed: true, lines: r.stdout.trim().split('\n') }),
        (e: { stdout: string }) => ({ passed: false, lines: e.stdout.trim().split('\n') }),
      )
      const summary = out.lines.find((l) => l.startsWith('FAIL')) ?? out.lines.at(-1)
      expect({ passed: out.passed, summary }).toEqual(verdict)
    })
  }
})
