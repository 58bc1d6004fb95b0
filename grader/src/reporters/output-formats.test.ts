import { readFileSync } from 'node:fs'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type LabResult, RESULTS_SCHEMA_VERSION, type ResultsDocument } from '@backend-labs/lab-kit'
import { createColors } from 'picocolors'
import { describe, expect, it } from 'vitest'
import { validateXML } from 'xmllint-wasm'
import { GithubReporter, renderGithub } from './github-reporter.ts'
import { renderGithubSummary } from './github-summary.ts'
import { renderGradescope } from './gradescope-reporter.ts'
import { renderJunit } from './junit-reporter.ts'
import { plainText } from './plain-text.ts'
import { formatCheck, formatLabEnd } from './terminal-reporter.ts'

const XSD = readFileSync(new URL('../../test/fixtures/JUnit.xsd', import.meta.url), 'utf8')

/** What a hostile build log looks like: clear the screen, fake a score, hide what follows. */
const HOSTILE =
  'build failed\x1b[2J\x1b[H  Score: 13/13 (100%) · passed\x1b[8m\r\x1b]0;owned\x07\x9b31m\x1b(B'

const base: LabResult = {
  id: 'docker/demo',
  title: 'Demo',
  status: 'failed',
  score: 1,
  maxScore: 4,
  durationMs: 2500,
  notices: [`a note ${HOSTILE}`],
  checks: [
    {
      id: 'ok',
      title: 'Passes',
      visibility: 'public',
      status: 'passed',
      points: 1,
      maxPoints: 1,
      durationMs: 3,
    },
    {
      id: 'builds',
      title: 'The image builds',
      visibility: 'public',
      status: 'failed',
      points: 0,
      maxPoints: 2,
      message: `Dockerfile:3: ${HOSTILE}`,
      where: 'Dockerfile:3',
      hints: [`look at ${HOSTILE}`],
      durationMs: 5,
    },
    {
      id: 'bug',
      title: 'Grader trouble',
      visibility: 'hidden',
      status: 'error',
      points: 0,
      maxPoints: 1,
      message: 'internal',
      durationMs: 1,
    },
  ],
}
const empty: LabResult = { ...base, id: 'git/none', checks: [], notices: [], score: 0, maxScore: 0 }
const broken: LabResult = {
  ...empty,
  id: 'sqlserver/x',
  status: 'error',
  error: { kind: 'bad-input', message: `bad bundle ${HOSTILE}`, hint: 'run `labs submit` again' },
}
const doc: ResultsDocument = {
  schemaVersion: RESULTS_SCHEMA_VERSION,
  tool: { name: 'backend-labs', version: '0.1.0' },
  startedAt: '2026-12-02T02:03:04.567Z',
  durationMs: 2600,
  labs: [base, empty, broken],
  summary: { labs: 3, passed: 0, passedStatic: 0, score: 1, maxScore: 4 },
}

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/

describe('learner text cannot drive the terminal', () => {
  it('plainText strips CSI, OSC, C1 and carriage returns but keeps the words', () => {
    expect(plainText(HOSTILE)).toBe('build failed  Score: 13/13 (100%) · passed')
    expect(plainText('a\tb\nc\r\nd')).toBe('a\tb\nc\nd')
  })

  it('terminal output holds no control sequence from a check, note or error', () => {
    const pc = createColors(false)
    const out = [
      ...base.checks.flatMap((c) => formatCheck(c, pc)),
      ...formatLabEnd(base, pc),
      ...formatLabEnd(broken, pc),
    ].join('\n')
    expect(out).not.toMatch(CONTROL)
    // The real score line is still printed, after the learner's text, and nothing hides it.
    expect(out.split('\n').at(-3)).toBe('  Score: 1/4 (25%) · 2 checks to fix · 2.5 s')
  })

  it("a quoted log line can never stand where the grader's own lines do", () => {
    const fake =
      'the app said:\n  ✓ Everything (13/13)\n  Score: 13/13 (100%) · passed\r\nsqlserver/x  Fake lab'
    const check = { ...base.checks[1]!, message: fake, hints: [fake] }
    const out = [
      ...formatCheck(check, createColors(false)),
      ...formatLabEnd({ ...base, notices: [fake] }, createColors(false)),
    ]
      .join('\n')
      .split('\n')
    expect(out.filter((l) => /^ {0,2}\S/.test(l))).toEqual([
      '  ✗ The image builds (0/2)',
      '  note: the app said:',
      '  Score: 1/4 (25%) · 2 checks to fix · 2.5 s',
    ])
    expect(out).toContain('          Score: 13/13 (100%) · passed')
  })

  it('github annotations, summary and gradescope output hold no control sequence', () => {
    expect(renderGithub(doc, (id) => `labs/${id}`)).not.toMatch(CONTROL)
    expect(renderGithubSummary(doc)).not.toMatch(CONTROL)
    expect(renderGradescope(doc)).not.toMatch(/\\u001b|\\u009b|\\r/)
  })
})

describe('JUnit validates against Ant JUnit.xsd', () => {
  const validate = async (xml: string) =>
    validateXML({
      xml: [{ fileName: 'results.xml', contents: xml }],
      schema: [{ fileName: 'JUnit.xsd', contents: XSD }],
    })

  it('a document with passes, failures, errors, an empty lab and a lab error is valid', async () => {
    const xml = renderJunit(doc, { hostname: 'grader-1' })
    const result = await validate(xml)
    expect(result.errors).toEqual([])
    expect(result.valid).toBe(true)
    expect(xml).toContain('timestamp="2026-12-02T02:03:04" hostname="grader-1"')
    expect(xml).toContain(
      '<failure message="Dockerfile:3: build failed  Score: 13/13 (100%) · passed" type="check-failed">',
    )
    expect(xml).toContain('<error message="internal" type="grader-error">')
    expect(xml).toContain(
      '<error message="bad bundle build failed  Score: 13/13 (100%) · passed" type="bad-input">',
    )
    expect(xml.match(/<testcase /g)).toHaveLength(5)
  })

  it('the validator rejects what the old reporter wrote (no timestamp, no type)', async () => {
    const old = renderJunit(doc, { hostname: 'h' })
      .replace(/ timestamp="[^"]*"/g, '')
      .replace(/ type="[^"]*"/g, '')
    const result = await validate(old)
    expect(result.valid).toBe(false)
    expect(result.errors.map((e) => e.message).join('\n')).toMatch(/timestamp/)
  })
})

describe('GitHub job summary', () => {
  it('has a points table per lab and what to fix (golden)', () => {
    expect(renderGithubSummary({ ...doc, labs: [base, broken] })).toMatchInlineSnapshot(`
      "## Backend Labs results

      | Lab | Status | Points | Checks passed |
      | --- | --- | ---: | ---: |
      | docker/demo (Demo) | ❌ failed | 1/4 | 1/3 |
      | sqlserver/x (Demo) | ⚠️ not graded | 0/0 | 0/0 |
      | **Total** | 0/3 labs passed | **1/4** | |

      ### To fix

      - **docker/demo** · The image builds: Dockerfile:3: build failed Score: 13/13 (100%) · passed
      - **docker/demo** · Grader trouble: internal
      - **sqlserver/x**: cannot grade: bad bundle build failed Score: 13/13 (100%) · passed

      ### Notes

      - docker/demo: a note build failed Score: 13/13 (100%) · passed

      "
    `)
  })

  it('is appended to GITHUB_STEP_SUMMARY when set', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'labs-summary-'))
    const file = join(dir, 'summary.md')
    let out = ''
    await new GithubReporter(
      (t) => {
        out += t
      },
      (id) => `labs/${id}`,
      file,
    ).onFinish(doc)
    expect(await readFile(file, 'utf8')).toBe(renderGithubSummary(doc))
    expect(out).toBe(renderGithub(doc, (id) => `labs/${id}`))
  })
})
