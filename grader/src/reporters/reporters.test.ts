import type { LabResult, ResultsDocument } from '@backend-labs/lab-kit'
import { RESULTS_SCHEMA_VERSION } from '@backend-labs/lab-kit'
import { createColors } from 'picocolors'
import { describe, expect, it } from 'vitest'
import { renderGithub } from './github-reporter.ts'
import { renderGradescope } from './gradescope-reporter.ts'
import { renderJson } from './json-reporter.ts'
import { renderJunit } from './junit-reporter.ts'
import { TerminalReporter } from './terminal-reporter.ts'

const lab: LabResult = {
  id: 'git/demo',
  title: 'Demo',
  status: 'failed',
  score: 2,
  maxScore: 5,
  durationMs: 1234,
  checks: [
    {
      id: 'ok',
      title: 'Passes',
      visibility: 'public',
      status: 'passed',
      points: 2,
      maxPoints: 2,
      durationMs: 3,
    },
    {
      id: 'bad',
      title: 'Fails <here> & "there"',
      visibility: 'hidden',
      status: 'failed',
      points: 0,
      maxPoints: 2,
      message: 'src/app.ts:14: expected no conflict markers, but found <<<<<<< HEAD',
      where: 'src/app.ts:14',
      hints: ['remove the markers'],
      durationMs: 5,
    },
    {
      id: 'dep',
      title: 'Depends',
      visibility: 'public',
      status: 'skipped',
      points: 0,
      maxPoints: 1,
      skip: { kind: 'dependency', needs: ['bad'] },
      durationMs: 0,
    },
  ],
}
const errored: LabResult = {
  id: 'docker/x',
  title: 'X',
  status: 'error',
  score: 0,
  maxScore: 3,
  durationMs: 10,
  checks: [],
  error: { kind: 'environment', message: 'no Docker engine is reachable', hint: 'start Docker' },
}
const staticPass: LabResult = {
  id: 'sqlserver/demo',
  title: 'SQL demo',
  status: 'passed-static',
  engine: 'static',
  score: 3,
  maxScore: 5,
  engineMaxScore: 3,
  durationMs: 50,
  unverified: { checks: ['probe-a', 'probe-b'], needs: 'SQL Server' },
  checks: [
    {
      id: 'shape',
      title: 'Shape',
      visibility: 'public',
      status: 'passed',
      points: 3,
      maxPoints: 3,
      durationMs: 1,
    },
    {
      id: 'probe-a',
      title: 'Probe A',
      visibility: 'hidden',
      status: 'skipped',
      points: 0,
      maxPoints: 1,
      skip: { kind: 'engine', engines: ['live'], engine: 'static' },
      durationMs: 0,
    },
  ],
}

const doc: ResultsDocument = {
  schemaVersion: RESULTS_SCHEMA_VERSION,
  tool: { name: 'backend-labs', version: '0.1.0' },
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 1300,
  labs: [lab, errored],
  summary: { labs: 2, passed: 0, passedStatic: 0, score: 2, maxScore: 8 },
}

const staticDoc: ResultsDocument = {
  ...doc,
  labs: [staticPass],
  summary: { labs: 1, passed: 1, passedStatic: 1, score: 3, maxScore: 5 },
}
const VERDICT = 'passed as far as the static engine can tell; 2 checks need SQL Server'

describe('reporters render every result', () => {
  it('json is the document itself', () => {
    expect(JSON.parse(renderJson(doc))).toEqual(doc)
  })

  it('junit has a testcase per check, escapes text, and reports a lab error', () => {
    const xml = renderJunit(doc)
    expect(xml.match(/<testcase /g)).toHaveLength(4)
    expect(xml).toContain('Fails &lt;here&gt; &amp; &quot;there&quot;')
    expect(xml).toContain('<skipped message="skipped: needs bad"/>')
    expect(xml).toContain('<error message="no Docker engine is reachable" type="environment">')
    expect(xml).not.toMatch(/<<<<<<</)
  })

  it('terminal shows marks, points, message, hint, score, and what to do on an error', () => {
    let out = ''
    const r = new TerminalReporter((t) => {
      out += t
    }, createColors(false))
    for (const l of doc.labs) {
      r.onLabStart(l.id, l.title)
      for (const c of l.checks) r.onCheckEnd(c)
      r.onLabEnd(l)
    }
    r.onFinish(doc)
    expect(out).toContain('✓ Passes')
    expect(out).toMatch(/✗ Fails <here> & "there" \[hidden\] \(0\/2\)\n\s+src\/app.ts:14: expected/)
    expect(out).toContain('hint: remove the markers')
    expect(out).toContain('- Depends (0/1)\n      skipped: needs bad')
    expect(out).toMatch(/Score: 2\/5 \(40%\)/)
    expect(out).toContain('environment problem: no Docker engine is reachable')
    expect(out).toContain('what to do: start Docker')
    expect(out).toContain('0/2 labs passed')
  })
  it('gradescope has a test per check, hidden ones published later', () => {
    const gs = JSON.parse(renderGradescope(doc))
    expect(gs.score).toBe(2)
    expect(gs.tests).toHaveLength(4)
    expect(gs.tests[1]).toMatchObject({
      max_score: 2,
      score: 0,
      visibility: 'after_published',
      status: 'failed',
    })
    expect(gs.tests[3].output).toBe('no Docker engine is reachable')
  })

  it('github annotates failures at file:line', () => {
    const out = renderGithub(doc, (id) => `labs/${id}/workspace`)
    expect(out).toContain(
      '::error file=labs/git/demo/workspace/src/app.ts,line=14,title=git/demo%3A Fails <here> & "there"::',
    )
    expect(out).toContain('::error title=docker/x%3A cannot grade::no Docker engine is reachable')
    expect(out.match(/::notice /g)).toHaveLength(2)
  })
  it('every reporter says a static pass is one, with how many checks need SQL Server', () => {
    expect(JSON.parse(renderJson(staticDoc)).labs[0]).toMatchObject({
      status: 'passed-static',
      unverified: { checks: ['probe-a', 'probe-b'], needs: 'SQL Server' },
    })
    const xml = renderJunit(staticDoc)
    expect(xml).toContain('<property name="status" value="passed-static"/>')
    expect(xml).toContain(`<property name="verdict" value="${VERDICT}"/>`)
    expect(xml).toContain(
      '<skipped message="skipped: runs only under the live engine (graded with static)"/>',
    )
    const gs = JSON.parse(renderGradescope(staticDoc))
    expect(gs.output).toBe(`sqlserver/demo: ${VERDICT}`)
    expect(gs.tests[1].output).toBe('skipped: runs only under the live engine (graded with static)')
    expect(JSON.parse(renderGradescope(doc)).output).toBeUndefined()
    expect(renderGithub(staticDoc, (id) => id)).toBe(
      `::notice title=sqlserver/demo::score 3/5 (${VERDICT})\n`,
    )
    let out = ''
    const r = new TerminalReporter((t) => {
      out += t
    }, createColors(false))
    r.onLabEnd(staticPass)
    expect(out).toBe(`  Score: 3/5 (60%) · ${VERDICT} · static engine (at most 3/5 under it) · 0.1 s\n`)
  })

  it('lists each problem of a check on its own line', () => {
    let out = ''
    const r = new TerminalReporter((t) => {
      out += t
    }, createColors(false))
    r.onCheckEnd({
      ...lab.checks[1]!,
      message: '2 problems:\n1. src/app.ts:14: expected a\n2. src/app.ts:20: expected b',
    })
    expect(out).toBe(
      [
        '  ✗ Fails <here> & "there" [hidden] (0/2)',
        '      2 problems:',
        '      1. src/app.ts:14: expected a',
        '      2. src/app.ts:20: expected b',
        '      hint: remove the markers',
        '',
      ].join('\n'),
    )
  })

  it('colours the output unless told not to', () => {
    let out = ''
    const r = new TerminalReporter((t) => {
      out += t
    }, createColors(true))
    r.onCheckEnd(lab.checks[0]!)
    expect(out).toContain('\x1b[32m✓\x1b[39m')
  })

  it('an undecided check: "?" with its reason and what to do, a warning, a JUnit error of its own type', () => {
    const undecided: LabResult = {
      id: 'production/many-users',
      title: 'Many users',
      status: 'undecided',
      score: 3,
      maxScore: 5,
      durationMs: 2000,
      checks: [
        { ...lab.checks[0]!, points: 3, maxPoints: 3 },
        {
          id: 'throughput',
          title: 'Throughput',
          visibility: 'hidden',
          status: 'undecided',
          points: 0,
          maxPoints: 2,
          message: 'the rounds disagree too much',
          hints: ['grade again when the machine is quieter'],
          durationMs: 1500,
        },
      ],
    }
    const one: ResultsDocument = {
      ...doc,
      labs: [undecided],
      summary: { labs: 1, passed: 0, passedStatic: 0, score: 3, maxScore: 5 },
    }
    let out = ''
    const r = new TerminalReporter((t) => {
      out += t
    }, createColors(false))
    r.onCheckEnd(undecided.checks[1]!)
    r.onLabEnd(undecided)
    expect(out).toBe(
      [
        '  ? Throughput [hidden] (0/2)',
        '      the rounds disagree too much',
        '      hint: grade again when the machine is quieter',
        '  Score: 3/5 (60%) · 1 check could not decide; grade again when the machine is quieter · 2.0 s',
        '',
      ].join('\n'),
    )
    expect(renderJunit(one)).toContain(
      '<error message="the rounds disagree too much" type="undecided">the rounds disagree too much\nhint: grade again when the machine is quieter</error>',
    )
    expect(renderJunit(one)).toMatch(/failures="0" errors="1"/)
    expect(renderGithub(one, (id) => `labs/${id}`)).toContain(
      '::warning title=production/many-users%3A Throughput (could not decide)::the rounds disagree too much%0Ahint: grade again when the machine is quieter',
    )
    const gradescope = JSON.parse(renderGradescope(one))
    expect(gradescope.tests[1]).toMatchObject({ status: 'failed', score: 0 })
    expect(gradescope.tests[1].output).toMatch(/^The grader could not decide this check; grade again\./)
    expect(gradescope.output).toContain('production/many-users: 1 check could not decide')
  })
})
