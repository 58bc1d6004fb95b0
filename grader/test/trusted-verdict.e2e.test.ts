import { appendFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ResultsDocument } from '@backend-labs/lab-kit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CliSandbox, repoRoot } from './cli-harness.ts'

const LAB = 'sqlserver/normalise'
const fixture = join(repoRoot, 'grader/suites', LAB, 'fixtures/missing-fk')

/** A learner fork: the lab's workspace holds a wrong answer, plus one edit outside the submission. */
const EDITS: Record<string, { path: string; edit(file: string): Promise<void> }> = {
  'a public check edited to always pass': {
    path: `labs/${LAB}/checks.ts`,
    edit: (file) =>
      writeFile(
        file,
        "import { defineChecks } from '@backend-labs/lab-kit'\nexport default defineChecks([{ id: 'schema-runs', title: 'ok', points: 100, run: async () => {} }])\n",
      ),
  },
  'the grader edited': {
    path: 'grader/src/engine/grade-lab.ts',
    edit: (file) => appendFile(file, '\n// every check passes\nexport const forced = true\n'),
  },
  '.ci/ edited': {
    path: '.ci/run',
    edit: (file) => writeFile(file, '#!/bin/sh\necho "Score: 11/11 (100%) · passed"\nexit 0\n'),
  },
}

const statuses = (doc: ResultsDocument) => doc.labs[0]!.checks.map((c) => `${c.id}:${c.status}:${c.points}`)

describe('the grade of record takes only the submission from a learner fork', () => {
  let sandbox: CliSandbox
  let trusted: ResultsDocument
  beforeAll(async () => {
    sandbox = await CliSandbox.create()
    const out = join(sandbox.dir, 'trusted.json')
    const run = await sandbox.run([
      'grade',
      LAB,
      '--engine',
      'static',
      '--submission',
      fixture,
      '--json',
      out,
    ])
    expect(run.code).toBe(1)
    trusted = JSON.parse(await readFile(out, 'utf8'))
  }, 180_000)
  afterAll(() => sandbox.dispose())

  it.each(Object.entries(EDITS))(
    '%s: the trusted verdict, and the edit listed as ignored',
    async (_name, { path, edit }) => {
      const fork = await mkdtemp(join(tmpdir(), 'labs-fork-'))
      try {
        await cp(fixture, join(fork, 'labs', LAB, 'workspace'), { recursive: true })
        await mkdir(join(fork, path, '..'), { recursive: true })
        await cp(join(repoRoot, path), join(fork, path))
        await edit(join(fork, path))
        const out = join(fork, 'record.json')
        const run = await sandbox.run(['grade', LAB, '--engine', 'static', '--fork', fork, '--json', out])
        expect(run.code).toBe(1)
        const record = JSON.parse(await readFile(out, 'utf8')) as ResultsDocument
        expect(statuses(record)).toEqual(statuses(trusted))
        expect(record.labs[0]!.score).toBe(trusted.labs[0]!.score)
        expect(record.labs[0]!.notices?.[0]).toBe(
          `warning: ignored 1 edit outside your submission (checks, grader, CI and lockfiles always come from the course): ${path}`,
        )
      } finally {
        await rm(fork, { recursive: true, force: true })
      }
    },
    180_000,
  )
})
