import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sampleSummary } from '../src/batch/test-support/sample-summary.ts'
import { CliSandbox } from './cli-harness.ts'

let sb: CliSandbox
beforeAll(async () => {
  sb = await CliSandbox.create()
})
afterAll(() => sb.dispose())

describe('labs dashboard and labs report (subprocess, no browser)', () => {
  it('refuses bad input before serving anything', async () => {
    const noResults = await sb.run(['dashboard', '--compare', 'x'])
    expect([noResults.code, noResults.stderr.trim()]).toEqual([
      2,
      'error: --compare needs --results DIR\nwhat to do: e.g. `--results grades/ --compare published/`',
    ])
    const missing = await sb.run(['dashboard', '--results', join(sb.dir, 'nope')])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/cannot read .*nope\/summary\.json/)
    expect((await sb.run(['dashboard', '--port', 'x'])).code).toBe(2)
    expect((await sb.run(['report'])).code).toBe(2)
  })

  it('writes the class view with regrade changes as one HTML file', async () => {
    const previous = join(sb.dir, 'previous.json')
    const current = join(sb.dir, 'current.json')
    await writeFile(previous, JSON.stringify(sampleSummary()))
    const now = sampleSummary()
    now.learners[0]!.results[0]!.score = 4
    await writeFile(current, JSON.stringify(now))
    const file = join(sb.dir, 'class.html')
    const r = await sb.run(['report', '--html', file, '--results', current, '--compare', previous])
    expect([r.code, r.stdout]).toEqual([0, `Wrote ${file}\n`])
    const html = await readFile(file, 'utf8')
    const model = JSON.parse(
      /<script id="dashboard-model" type="application\/json">(.*?)<\/script>/s.exec(html)![1]!,
    )
    expect(model.kind).toBe('class')
    expect(model.changes).toEqual([
      { learner: 'ada', lab: 'git/first-commits', before: '5/5 (passed)', after: '4/5 (passed)', checks: [] },
    ])
  })
})
