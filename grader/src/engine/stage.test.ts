import { execFileSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, symlink, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BadInputError, type LabManifest } from '@backend-labs/lab-kit'
import { describe, expect, it } from 'vitest'
import type { Lab } from './lab.ts'
import { ProjectPaths } from './project-paths.ts'
import { stageSubmission } from './stage.ts'
import { stagingLimits } from './staging-limits.ts'

const paths = new ProjectPaths({})
const filesLab = {
  id: 'sqlserver/demo',
  manifest: {
    submission: { type: 'files', include: ['*.sql', 'app/**'], exclude: [] },
  } as unknown as LabManifest,
} as Lab
const gitLab = {
  id: 'git/demo',
  manifest: { submission: { type: 'git', bundle: 'submission.bundle' } } as unknown as LabManifest,
} as Lab

async function folder(files: Record<string, string | Buffer>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'labs-stage-test-'))
  for (const [name, content] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true })
    await writeFile(join(dir, name), content)
  }
  return dir
}

async function rejection(promise: Promise<unknown>): Promise<BadInputError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(BadInputError)
  return error as BadInputError
}

const stage = (dir: string, limits = stagingLimits({})) =>
  stageSubmission(filesLab, paths, { kind: 'path', path: dir }, limits)

describe('staging a files submission', () => {
  it('copies the matched files and names a link inside the folder that it left out', async () => {
    const dir = await folder({ 'a.sql': 'select 1', 'app/x.ts': 'x', 'notes.doc': 'n' })
    await symlink('a.sql', join(dir, 'schema.sql'))
    const staged = await stage(dir)
    try {
      expect(readdirSync(staged.dir).sort()).toEqual(['a.sql', 'app'])
      expect(staged.notices).toEqual(['schema.sql is a symbolic link and was left out'])
    } finally {
      await staged.dispose()
    }
  })

  it('stages the lab’s own copy of a provided file, and names a learner’s changed copy', async () => {
    const starter = await folder({ 'starter/src/app.ts': 'the lab app', 'starter/Dockerfile': 'FROM x' })
    const lab = {
      id: 'production/demo',
      dir: starter,
      manifest: {
        submission: { type: 'files', include: ['k8s/**'], exclude: [], provided: ['Dockerfile', 'src/**'] },
        starter: { dir: 'starter' },
      } as unknown as LabManifest,
    } as Lab
    const dir = await folder({
      'k8s/a.yaml': 'kind: Pod',
      'src/app.ts': 'a forged app',
      Dockerfile: 'FROM x',
    })
    const staged = await stageSubmission(lab, paths, { kind: 'path', path: dir }, stagingLimits({}))
    try {
      expect(await readFile(join(staged.dir, 'src/app.ts'), 'utf8')).toBe('the lab app')
      expect(await readFile(join(staged.dir, 'k8s/a.yaml'), 'utf8')).toBe('kind: Pod')
      expect(staged.notices).toEqual([
        "src/app.ts differs from the lab's copy: the lab's is graded (this lab does not ask you to change it)",
      ])
    } finally {
      await staged.dispose()
    }
    // a link at a provided path is never followed: /dev/zero would never end
    const linked = await folder({ 'k8s/a.yaml': 'kind: Pod' })
    await mkdir(join(linked, 'src'))
    await symlink('/dev/zero', join(linked, 'src/app.ts'))
    const again = await stageSubmission(lab, paths, { kind: 'path', path: linked }, stagingLimits({}))
    try {
      expect(await readFile(join(again.dir, 'src/app.ts'), 'utf8')).toBe('the lab app')
      expect(again.notices).toEqual([
        "src/app.ts differs from the lab's copy: the lab's is graded (this lab does not ask you to change it)",
      ])
    } finally {
      await again.dispose()
    }
  })

  it('says the only file is a link, instead of "found no files"', async () => {
    const dir = await folder({})
    await mkdir(join(dir, 'sub'))
    await writeFile(join(dir, 'sub', 'real.sql'), 'select 1')
    await symlink(join(dir, 'sub', 'real.sql'), join(dir, 'schema.sql'))
    const error = await rejection(
      stageSubmission(
        {
          ...filesLab,
          manifest: {
            submission: { type: 'files', include: ['*.sql'], exclude: [] },
          } as unknown as LabManifest,
        },
        paths,
        { kind: 'path', path: dir },
      ),
    )
    expect(error.message).toMatch(/^no submission files found in /)
    expect(error.hint).toBe('schema.sql is a symbolic link: put the file itself there')
  })

  it('rejects a link that leaves the lab folder', async () => {
    const dir = await folder({ 'a.sql': 'select 1' })
    await symlink('/etc/passwd', join(dir, 'schema.sql'))
    const error = await rejection(stage(dir))
    expect(error.message).toMatch(/\/schema\.sql is a symbolic link to a place outside the lab folder$/)
  })

  it('rejects too many files, naming the limit', async () => {
    const dir = await folder(Object.fromEntries([1, 2, 3, 4].map((n) => [`f${n}.sql`, 'select 1'])))
    const error = await rejection(stage(dir, { ...stagingLimits({}), maxFiles: 3 }))
    expect(error.message).toMatch(/ has 4 files to grade, over the limit of 3$/)
  })

  it('stops walking a huge tree early', async () => {
    const dir = await folder(Object.fromEntries([...Array(30).keys()].map((n) => [`junk/f${n}.txt`, ''])))
    const error = await rejection(stage(dir, { ...stagingLimits({}), maxEntriesWalked: 20 }))
    expect(error.message).toMatch(/ holds more than 20 files and folders$/)
  })

  it('rejects a file over the size limit and a submission over the total, naming the biggest', async () => {
    const dir = await folder({ 'big.sql': 'x'.repeat(3000), 'small.sql': 'x'.repeat(1500) })
    const one = await rejection(stage(dir, { ...stagingLimits({}), maxFileBytes: 2048 }))
    expect(one.message).toMatch(/\/big\.sql is 0\.00 MB, over the limit of 0\.00 MB for one file$/)
    const all = await rejection(stage(dir, { ...stagingLimits({}), maxTotalBytes: 4000 }))
    expect(all.hint).toBe('the biggest: big.sql (0.00 MB), small.sql (0.00 MB)')
  })

  it('rejects binary content where the lab expects text', async () => {
    const dir = await folder({ 'schema.sql': Buffer.from('\xff\xfec\x00r\x00', 'latin1') })
    const error = await rejection(stage(dir))
    expect(error.message).toMatch(/\/schema\.sql is a binary file, where the lab expects text$/)
  })
})

describe('staging a git bundle', () => {
  it('calls a truncated bundle bad input and says to submit again', async () => {
    const repo = await folder({ 'README.md': 'hello\n'.repeat(200) })
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@e', ...args], {
        cwd: repo,
        env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' },
      })
    git('init', '-q', '-b', 'main')
    git('add', '.')
    git('commit', '-qm', 'first')
    const bundle = join(repo, '..', `${repo.split('/').at(-1)}.bundle`)
    git('bundle', 'create', '-q', bundle, '--all')
    await truncate(bundle, Math.floor((await readFile(bundle)).length / 2))
    const error = await rejection(stageSubmission(gitLab, paths, { kind: 'path', path: bundle }))
    expect(error.message).toMatch(/\.bundle is not a complete git bundle \(/)
    expect(error.hint).toBe('run `labs submit` again to write a fresh bundle, and commit it whole')
  })
})
