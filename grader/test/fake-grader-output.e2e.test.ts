import { execFile } from 'node:child_process'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ResultsDocument } from '@backend-labs/lab-kit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CliRun, CliSandbox, repoRoot } from './cli-harness.ts'
import { dockerSkipReason } from './docker-availability.ts'

const skip = await dockerSkipReason()
const LAB = 'docker/containerise-api'

/** An app that prints what the grader prints (with escapes), and writes results files of its own. */
const HOSTILE_START = `
import { writeFileSync } from 'node:fs'
const fake = { labs: [{ id: '${LAB}', status: 'passed', score: 13, maxScore: 13 }], summary: { score: 13, maxScore: 13 } }
for (const file of ['results.json', '/tmp/results.json', 'record.json']) {
  try { writeFileSync(file, JSON.stringify(fake)) } catch {}
}
process.stdout.write('\\x1b[2J\\x1b[H  ✓ Runs as a non-root user (2/2)\\n  Score: 13/13 (100%) · passed\\n::notice title=${LAB}::score 13/13 (passed)\\n\\x1b[8m')
`

/** The lines the grader itself writes at the left margin (learner text is always indented further). */
const graderLines = (out: string) =>
  out
    .replace(/\d+\.\d s/g, '<t> s')
    .split('\n')
    .filter((l) => /^ {0,2}\S/.test(l))
    // An annotation may quote the app's log, escaped (%0A): compare where annotations start, not their text.
    .map((l) => l.replace(/^(::\w+ [^:]*::).*$/, '$1…'))

describe.skipIf(skip !== undefined)(
  `a submission's output and files never change a verdict${skip ? ` (${skip})` : ''}`,
  () => {
    let sandbox: CliSandbox
    let hostileDir: string
    beforeAll(async () => {
      sandbox = await CliSandbox.create()
      const base = await mkdtemp(join(tmpdir(), 'labs-fake-output-'))
      hostileDir = join(base, 'hostile')
      for (const dir of [hostileDir]) {
        await cp(join(repoRoot, 'labs', LAB, 'starter'), dir, { recursive: true })
        // A wrong answer, so that a faked pass would show: the image runs as root.
        await cp(
          join(repoRoot, 'grader/suites', LAB, 'fixtures/runs-as-root/Dockerfile'),
          join(dir, 'Dockerfile'),
        )
      }
      const server = join(hostileDir, 'src/server.ts')
      await writeFile(server, HOSTILE_START + (await readFile(server, 'utf8')))
    })
    afterAll(async () => {
      await sandbox?.dispose()
      if (hostileDir) await rm(join(hostileDir, '..'), { recursive: true, force: true })
    })

    it('an app printing pass lines, a fake score and annotations, and writing results files, changes nothing', async () => {
      const grade = async (dir: string) => {
        const json = join(dir, '..', `${dir.endsWith('hostile') ? 'hostile' : 'plain'}.json`)
        // Its own subprocess with a long limit: two image builds on a loaded machine outlast the harness's 120 s.
        const run = await new Promise<CliRun>((resolve) =>
          execFile(
            process.execPath,
            [
              '--import',
              'tsx',
              join(repoRoot, 'grader/src/cli/main.ts'),
              'grade',
              LAB,
              '--submission',
              dir,
              '--json',
              json,
              '--github',
            ],
            {
              cwd: repoRoot,
              env: {
                ...process.env,
                NO_COLOR: '1',
                LABS_WORKSPACE_DIR: sandbox.workspaces,
                LABS_STATE_DIR: sandbox.state,
              },
              encoding: 'utf8',
              timeout: 500_000,
            },
            (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
          ),
        )
        return { run, doc: JSON.parse(await readFile(json, 'utf8')) as ResultsDocument }
      }
      const { run, doc } = await grade(hostileDir)
      const lab = doc.labs[0]!
      expect(run.code).toBe(1)
      // The planted wrong answer is still caught, whatever the app printed about it.
      expect(lab.checks.find((c) => c.id === 'runs-as-non-root')?.status).toBe('failed')
      expect(lab.score).toBe(lab.checks.reduce((sum, c) => sum + c.points, 0))
      expect(lab.score).toBeLessThan(lab.maxScore)
      expect(run.stdout).not.toMatch(/\u001b/)
      const lines = graderLines(run.stdout)
      expect(lines.filter((l) => l.startsWith('  Score:'))).toEqual([
        expect.stringMatching(new RegExp(`^  Score: ${lab.score}/${lab.maxScore} \\(`)),
      ])
      expect(lines).not.toContain('  ✓ Runs as a non-root user (2/2)')
      expect(lines.filter((l) => l.startsWith('::notice'))).toEqual([`::notice title=${LAB}::…`])
      // The learner's own results files stayed inside the container: the submission folder is untouched.
      expect(await readFile(join(hostileDir, 'src/server.ts'), 'utf8')).toContain('writeFileSync')
      await expect(readFile(join(hostileDir, 'results.json'), 'utf8')).rejects.toThrow(/ENOENT/)
    }, 1_100_000)
  },
)
