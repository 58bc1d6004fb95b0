import { execFile } from 'node:child_process'
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newSealKey } from '../src/seal/seal-key.ts'
import { type CliRun, repoRoot } from './cli-harness.ts'

/** Every file under a folder, relative paths (node_modules and .git left out). */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .filter((p) => !/(^|\/)(node_modules|\.git)\//.test(p))
}

/** Runs `labs …` from a copy of the project (the exported template), as a learner or CI would. */
function labsIn(dir: string, args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(dir, 'grader/src/cli/main.ts'), ...args],
      {
        cwd: dir,
        env: {
          ...process.env,
          NO_COLOR: '1',
          LABS_SEAL_KEY: '',
          LABS_WORKSPACE_DIR: '',
          LABS_STATE_DIR: '',
          ...env,
        },
        encoding: 'utf8',
        timeout: 300_000,
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    )
  })
}

const key = newSealKey()
const suites = join(repoRoot, 'grader', 'suites')
let out: string
let exported: CliRun

describe("labs export-template: the learners' repository", () => {
  beforeAll(async () => {
    out = join(await mkdtemp(join(tmpdir(), 'labs-export-')), 'course')
    exported = await labsIn(repoRoot, ['export-template', out], { LABS_SEAL_KEY: key })
  }, 300_000)
  afterAll(async () => {
    if (out) await rm(join(out, '..'), { recursive: true, force: true })
  })

  it('writes the template, with the sealed bundle and the feedback workflows', async () => {
    expect(exported.stderr).toBe('')
    expect(exported.code).toBe(0)
    const files = await filesUnder(out)
    expect(files).toContain('grader/suites.sealed')
    expect(files).toContain('.github/workflows/labs-feedback.yml')
    expect(files).toContain('.gitlab-ci.yml')
    expect(files).toContain('labs/sqlserver/normalise/checks.ts')
    expect(files.filter((f) => f.startsWith('grader/suites/') || f.startsWith('.ci/'))).toEqual([])
  })

  it('holds no text of a hidden check, solution or fixture', async () => {
    // Public text: what the labs themselves show (a fixture may start from the starter).
    // Public text: the labs (a fixture may start from the starter) and the public code, so that
    // what is checked below is text found only in the hidden material.
    const publicLines = new Set<string>()
    const publicFiles = new Set<string>()
    for (const top of ['labs', 'packages', 'grader/src', 'docs'])
      for (const f of await filesUnder(join(repoRoot, top))) {
        if (f.endsWith('.test.ts')) continue
        const text = await readFile(join(repoRoot, top, f), 'utf8')
        publicFiles.add(text.trim())
        for (const line of text.split('\n')) publicLines.add(line.trim())
      }
    const secretLines = new Map<string, string>()
    const secretFiles: [string, string][] = []
    for (const f of await filesUnder(suites)) {
      const text = await readFile(join(suites, f), 'utf8')
      if (text.trim().length >= 40 && !publicFiles.has(text.trim())) secretFiles.push([f, text.trim()])
      for (const raw of text.split('\n')) {
        const line = raw.trim()
        if (line.length >= 40 && !publicLines.has(line)) secretLines.set(line, f)
      }
    }
    expect(secretLines.size).toBeGreaterThan(200)
    const leaksIn = async (dir: string) => {
      const leaks: string[] = []
      for (const f of await filesUnder(dir)) {
        const text = await readFile(join(dir, f), 'utf8')
        for (const [name, content] of secretFiles)
          if (text.includes(content)) leaks.push(`${f} holds ${name}`)
        for (const raw of text.split('\n')) {
          const from = secretLines.get(raw.trim())
          if (from) leaks.push(`${f}: a line of ${from}: ${raw.trim()}`)
        }
      }
      return leaks
    }
    expect(await leaksIn(out)).toEqual([])
    // The same scan does find hidden material where it is (the scan can fail).
    expect((await leaksIn(join(suites, 'sqlserver/normalise/fixtures'))).length).toBeGreaterThan(5)
  })

  describe('the learner path works in it', () => {
    beforeAll(async () => {
      // Offline install from the warm store: the template's lockfile must match its workspace.
      await new Promise<void>((resolve, reject) =>
        execFile(
          'pnpm',
          ['install', '--offline', '--frozen-lockfile'],
          { cwd: out, timeout: 300_000 },
          (e, stdout, stderr) =>
            e
              ? reject(
                  new Error(`${e.message}\n${String(stdout).slice(-2000)}\n${String(stderr).slice(-2000)}`),
                )
              : resolve(),
        ),
      )
    }, 300_000)

    it('lists, starts, grades with public checks (saying how many hidden ones wait) and submits', async () => {
      const list = await labsIn(out, ['list'])
      expect(list.code).toBe(0)
      expect(list.stdout).toMatch(/^sqlserver\/normalise +Normalise a sales spreadsheet .* not started$/m)
      expect((await labsIn(out, ['start', 'sqlserver/normalise'])).code).toBe(0)
      const starter = await labsIn(out, ['grade', 'sqlserver/normalise', '--engine', 'static'])
      expect(starter.code).toBe(1)
      expect(starter.stdout).toContain("note: 4 hidden checks run at the course's grading")
      expect(starter.stdout).not.toContain('[hidden]')
      expect((await labsIn(out, ['start', 'git/first-commits'])).code).toBe(0)
      const repo = join(out, 'labs/git/first-commits/workspace')
      for (const args of [
        ['add', '-A'],
        ['commit', '-qm', 'Add the app'],
      ])
        await new Promise((resolve) =>
          execFile(
            'git',
            ['-c', 'user.name=Learner', '-c', 'user.email=l@example.com', ...args],
            { cwd: repo },
            resolve,
          ),
        )
      const submit = await labsIn(out, ['submit', 'git/first-commits'])
      expect(submit.stdout).toMatch(/Wrote labs\/git\/first-commits\/submission\.bundle/)
    }, 300_000)

    it('runs the hidden checks with the key, and refuses a wrong key or a changed bundle (exit 3)', async () => {
      const work = join(out, 'labs/sqlserver/normalise/workspace')
      await cp(join(suites, 'sqlserver/normalise/solution'), work, { recursive: true })
      const graded = await labsIn(
        out,
        ['grade', 'sqlserver/normalise', '--engine', 'static', '--json', join(out, '..', 'r.json')],
        {
          LABS_SEAL_KEY: key,
        },
      )
      const doc = JSON.parse(await readFile(join(out, '..', 'r.json'), 'utf8'))
      const hidden = doc.labs[0].checks.filter((c: { visibility: string }) => c.visibility === 'hidden')
      expect(hidden).toHaveLength(4)
      expect(graded.stdout).not.toContain('hidden checks run at the course')
      expect(await readdir(join(out, 'grader'))).not.toContainEqual(expect.stringMatching(/^\.unsealed-/))

      const wrong = await labsIn(out, ['grade', 'sqlserver/normalise', '--engine', 'static'], {
        LABS_SEAL_KEY: newSealKey(),
      })
      expect(wrong.code).toBe(3)
      expect(wrong.stderr).toMatch(
        /^error: LABS_SEAL_KEY is not the key grader\/suites\.sealed was sealed with/,
      )

      const sealedFile = join(out, 'grader/suites.sealed')
      const envelope = JSON.parse(await readFile(sealedFile, 'utf8'))
      envelope.header = envelope.header.replace('"hiddenChecks":4', '"hiddenChecks":0')
      await writeFile(sealedFile, JSON.stringify(envelope))
      const tampered = await labsIn(out, ['grade', 'sqlserver/normalise', '--engine', 'static'], {
        LABS_SEAL_KEY: key,
      })
      expect(tampered.code).toBe(3)
      expect(tampered.stderr).toMatch(
        /^error: the sealed bundle grader\/suites\.sealed was changed after sealing/,
      )
    }, 300_000)
  })
})
