import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AttemptHistory, parseHistory } from './attempt-history.ts'
import { type AttemptRecord, HISTORY_VERSION } from './attempt-record.ts'

const attempt = (lab: string, minute: number, over: Partial<AttemptRecord> = {}): AttemptRecord => ({
  v: HISTORY_VERSION,
  kind: 'attempt',
  at: new Date(Date.UTC(2026, 0, 1, 10, minute)).toISOString(),
  lab,
  score: minute,
  max: 10,
  status: 'failed',
  failed: ['a'],
  durationMs: 100,
  ...over,
})

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'labs-history-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

describe('AttemptHistory', () => {
  it('reads nothing from a missing file', async () => {
    expect(await new AttemptHistory(dir).read()).toEqual({ attempts: [], summaries: new Map(), notices: [] })
  })

  it('appends one JSON line per grade and reads them back in order', async () => {
    const h = new AttemptHistory(dir)
    await h.append(attempt('git/a', 1))
    await h.append(attempt('git/b', 2, { status: 'passed', failed: [], engine: 'git' }))
    const text = await readFile(h.file, 'utf8')
    expect(text.split('\n')).toHaveLength(3)
    expect(JSON.parse(text.split('\n')[0]!)).toMatchObject({ v: 1, kind: 'attempt', lab: 'git/a' })
    const state = await h.read()
    expect(state.attempts.map((a) => [a.lab, a.status, a.engine])).toEqual([
      ['git/a', 'failed', undefined],
      ['git/b', 'passed', 'git'],
    ])
    expect(state.notices).toEqual([])
  })

  it('skips corrupt lines with a single notice, never failing', async () => {
    const good = JSON.stringify(attempt('git/a', 1))
    const otherVersion = JSON.stringify({ ...attempt('git/a', 2), v: 99 })
    await writeFile(join(dir, 'history.jsonl'), `${good}\n{"half":\n${otherVersion}\nnot json\n${good}\n`)
    const state = await new AttemptHistory(dir).read()
    expect(state.attempts).toHaveLength(2)
    expect(state.notices).toEqual([
      'history.jsonl: lines 2, 3, 4 could not be read and were skipped; your other attempts are intact',
    ])
  })

  it('compacts past the size limit: the newest N per lab in full, older ones folded into counts', async () => {
    const h = new AttemptHistory(dir, { keepPerLab: 2, compactAboveBytes: 600 })
    for (let m = 1; m <= 6; m++)
      await h.append(
        attempt('git/a', m, m === 4 ? { status: 'passed', failed: [] } : { failed: ['a', `c${m % 2}`] }),
      )
    for (let m = 10; m <= 11; m++) await h.append(attempt('git/b', m))
    const state = await h.read()
    expect(state.notices).toEqual([])
    const kept = state.attempts.filter((a) => a.lab === 'git/a').map((a) => a.score)
    expect(kept.length).toBeLessThanOrEqual(4)
    const summary = state.summaries.get('git/a')!
    // Every attempt is counted once: in full or in the summary.
    expect(summary.attempts + kept.length).toBe(6)
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, i) => 6 - kept.length + 1 + i))
    expect(summary.firstAt).toBe(attempt('git/a', 1).at)
    expect(summary.failedCounts.a).toBe(summary.attempts - (summary.firstPassAt ? 1 : 0))
    expect(summary.attempts).toBeGreaterThanOrEqual(3)
  })

  it('keeps the file bounded however many grades are appended', async () => {
    const h = new AttemptHistory(dir, { keepPerLab: 3, compactAboveBytes: 2000 })
    for (let m = 0; m < 60; m++) await h.append(attempt(`git/l${m % 2}`, m))
    const text = await readFile(h.file, 'utf8')
    expect(text.length).toBeLessThan(2000 + 300)
    const state = await h.read()
    for (const lab of ['git/l0', 'git/l1']) {
      const full = state.attempts.filter((a) => a.lab === lab).length
      expect(full + (state.summaries.get(lab)?.attempts ?? 0)).toBe(30)
    }
  })
})

describe('parseHistory', () => {
  it('merges two summaries of one lab', () => {
    const s = {
      v: 1,
      kind: 'summary',
      lab: 'git/a',
      attempts: 2,
      passes: 1,
      firstAt: '2026-01-01T10:00:00.000Z',
      lastAt: '2026-01-01T11:00:00.000Z',
      firstPassAt: '2026-01-01T11:00:00.000Z',
      bestScore: 5,
      max: 5,
      failedCounts: { a: 1 },
    }
    const t = {
      ...s,
      attempts: 3,
      passes: 0,
      firstAt: '2026-01-01T09:00:00.000Z',
      failedCounts: { a: 2, b: 1 },
    }
    delete (t as Partial<typeof s>).firstPassAt
    const state = parseHistory(`${JSON.stringify(s)}\n${JSON.stringify(t)}\n`)
    expect(state.summaries.get('git/a')).toMatchObject({
      attempts: 5,
      passes: 1,
      firstAt: '2026-01-01T09:00:00.000Z',
      firstPassAt: '2026-01-01T11:00:00.000Z',
      failedCounts: { a: 3, b: 1 },
    })
  })
})
