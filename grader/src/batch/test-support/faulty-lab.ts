import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { TrustedSources } from '../trusted-sources.ts'

const LAB_KIT = pathToFileURL(join(import.meta.dirname, '../../../../packages/lab-kit/src/index.ts')).href

/**
 * A lab whose one check does what the submission's `mode.txt` says, standing in for the ways a
 * submission can hurt a grader: `pass`, `fail`, `crash` (an uncaught error kills the process),
 * `hang` (a synchronous endless loop: only killing the process stops it), `flood` (tens of MB on
 * stdout and stderr, and a multi-megabyte failure message).
 */
const CHECKS = `import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fail } from '${LAB_KIT}'

export default [
  {
    id: 'behaves',
    title: 'Behaves as its mode.txt says',
    points: 1,
    visibility: 'public',
    async run(ctx) {
      const mode = readFileSync(join(ctx.submissionDir, 'mode.txt'), 'utf8').trim()
      if (mode === 'fail') fail({ expected: 'pass', found: 'fail' })
      if (mode === 'crash') await new Promise(() => setTimeout(() => { throw new Error('grader bug') }))
      if (mode === 'hang') for (;;) {}
      if (mode === 'flood') {
        const mb = 'x'.repeat(1024 * 1024)
        for (let i = 0; i < 20; i++) { process.stdout.write(mb); process.stderr.write(mb) }
        fail({ expected: 'quiet', found: 'y'.repeat(5 * 1024 * 1024) })
      }
    },
  },
]
`

const MANIFEST = `title: Faulty behaviour
summary: A test lab whose check crashes, hangs or floods on demand.
difficulty: beginner
minutes: 1
skills: [testing]
submission:
  type: files
  include: [mode.txt]
starter:
  dir: starter
`

/** Writes a course root holding only `test/faulty`, and folders of submissions in the given modes. */
export async function writeFaultyCourse(
  dir: string,
  modes: Record<string, string>,
): Promise<{ sources: TrustedSources; submissions: string }> {
  const lab = join(dir, 'course', 'labs', 'test', 'faulty')
  await mkdir(join(lab, 'starter'), { recursive: true })
  await writeFile(join(lab, 'lab.yaml'), MANIFEST)
  await writeFile(join(lab, 'checks.ts'), CHECKS)
  await writeFile(join(lab, 'starter', 'mode.txt'), 'pass\n')
  const submissions = join(dir, 'submissions')
  for (const [learner, mode] of Object.entries(modes)) {
    await mkdir(join(submissions, learner), { recursive: true })
    await writeFile(join(submissions, learner, 'mode.txt'), `${mode}\n`)
  }
  const root = join(dir, 'course')
  return { sources: { root, suitesDir: join(root, 'suites'), origin: 'test course' }, submissions }
}
