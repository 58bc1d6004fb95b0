import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BadInputError } from '@backend-labs/lab-kit'
import { afterAll, describe, expect, it } from 'vitest'
import { loadManifest } from './manifest-loader.ts'

const dir = await mkdtemp(join(tmpdir(), 'manifest-'))
afterAll(() => rm(dir, { recursive: true, force: true }))

async function load(text: string) {
  const file = join(dir, 'lab.yaml')
  await writeFile(file, text)
  return loadManifest(file, 'labs/x/y/lab.yaml')
}

const valid = `title: First commits
summary: Make meaningful commits and keep secrets out.
difficulty: beginner
minutes: 20
skills: [git-commit]
submission:
  type: git
services: [git]
starter:
  scenario: scenario.ts
`

describe('loadManifest', () => {
  it('accepts a valid manifest and fills defaults', async () => {
    const m = await load(valid)
    expect(m.checks).toBe('checks.ts')
    expect(m.submission).toEqual({ type: 'git', bundle: 'submission.bundle' })
  })

  it('names file:line, field and reason for a bad value', async () => {
    const err = await load(valid.replace('difficulty: beginner', 'difficulty: easy')).catch((e) => e)
    expect(err).toBeInstanceOf(BadInputError)
    expect(err.message).toMatch(/labs\/x\/y\/lab\.yaml:3: field "difficulty": /)
  })

  it('points at the parent line for a missing field, and lists every problem', async () => {
    const err = await load(
      valid.replace('minutes: 20\n', '').replace('services: [git]', 'services: [ftp]'),
    ).catch((e) => e)
    expect(err.message).toMatch(/lab\.yaml:1: field "minutes"/)
    expect(err.message).toMatch(/lab\.yaml:7: field "services\.0"/)
  })

  it('rejects unknown fields and broken YAML', async () => {
    expect((await load(`${valid}colour: red\n`).catch((e) => e)).message).toMatch(/colour/)
    expect((await load('title: [unclosed\n').catch((e) => e)).message).toMatch(/lab\.yaml:\d+: invalid YAML/)
  })

  it('takes provided files only from a starter folder', async () => {
    const files = valid.replace(
      '  type: git\n',
      '  type: files\n  include: ["k8s/**"]\n  provided: ["src/**"]\n',
    )
    const err = await load(files).catch((e) => e)
    expect(err.message).toMatch(/field "submission\.provided": needs starter\.dir/)
    const ok = await load(files.replace('  scenario: scenario.ts', '  dir: starter'))
    expect(ok.submission).toMatchObject({ type: 'files', provided: ['src/**'] })
  })
})
