import { describe, expect, it } from 'vitest'
import { parseCsv } from './csv.ts'
import { mergeSummaries } from './merge-summaries.ts'
import { compareSummaries, formatScoreChanges } from './regrade-compare.ts'
import { parseRoster } from './roster.ts'
import { parseShard, selectShard } from './shard.ts'
import { check, lab, sampleSummary } from './test-support/sample-summary.ts'

describe('parseCsv', () => {
  it('reads quoted fields with commas, quotes and line breaks, and says where each record starts', () => {
    const text = '\uFEFFlearner,submission\r\n"o\'hara, m","x ""y"""\n\n"multi\nline",z\n'
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['learner', 'submission'] },
      { line: 2, fields: ["o'hara, m", 'x "y"'] },
      { line: 4, fields: ['multi\nline', 'z'] },
    ])
  })
})

describe('parseRoster', () => {
  it('takes learner and submission columns in any order and ignores the others', () => {
    expect(parseRoster('email,submission,learner\na@x,ada-repo,ada\nb@x,,bob\n', 'r.csv')).toEqual([
      { learner: 'ada', submission: 'ada-repo' },
      { learner: 'bob', submission: 'bob' },
    ])
  })

  it.each([
    ['name\nada\n', 'r.csv:1: the header has no "learner" column (found: name)'],
    ['learner\nada\nada\n', 'r.csv:3: learner "ada" is listed twice (first on line 2)'],
    ['learner\n../etc\n', 'r.csv:2: "../etc" is not a usable learner id'],
    [
      'learner,submission\nada,../../etc\n',
      'r.csv:2: submission "../../etc" must be a name inside the submissions folder',
    ],
    ['', 'r.csv: the roster is empty'],
  ])('rejects bad input with file:line: %j', (text, message) => {
    expect(() => parseRoster(text, 'r.csv')).toThrow(message)
  })
})

describe('shards', () => {
  const entries = Array.from({ length: 11 }, (_, i) => ({ learner: `l${String(i).padStart(2, '0')}` }))

  it('split the roster into disjoint, balanced parts whose union is the whole', () => {
    const parts = [1, 2, 3].map((index) => selectShard(entries, { index, count: 3 }).map((e) => e.learner))
    expect(parts.map((p) => p.length)).toEqual([4, 4, 3])
    expect(parts.flat().sort()).toEqual(entries.map((e) => e.learner))
  })

  it('do not depend on the order of the roster rows', () => {
    const reversed = [...entries].reverse()
    expect(selectShard(reversed, { index: 2, count: 3 })).toEqual(
      selectShard(entries, { index: 2, count: 3 }),
    )
  })

  it.each(['0/3', '4/3', '1/0', 'a/b', '1'])('reject %j', (text) => {
    expect(() => parseShard(text)).toThrow(`--shard ${text} is not a shard`)
  })
})

describe('mergeSummaries', () => {
  const whole = sampleSummary()
  const half = (keep: (i: number) => boolean) => ({
    ...whole,
    learners: whole.learners.filter((_, i) => keep(i)),
  })

  it('joins the learners of the shards', () => {
    const merged = mergeSummaries([
      { name: 's1', summary: half((i) => i % 2 === 0) },
      { name: 's2', summary: half((i) => i % 2 === 1) },
    ])
    expect(merged.labs).toEqual(whole.labs)
    expect(merged.learners.map((l) => l.learner).sort()).toEqual(whole.learners.map((l) => l.learner))
  })

  it('refuses shards of different labs, or a learner graded differently twice', () => {
    const other = { ...whole, labs: ['git/first-commits'] }
    expect(() =>
      mergeSummaries([
        { name: 's1', summary: whole },
        { name: 's2', summary: other },
      ]),
    ).toThrow('s2 grades labs git/first-commits but s1 grades git/first-commits, git/merge-conflict')
    const changed = structuredClone(whole)
    changed.learners[0]!.status = 'error'
    expect(() =>
      mergeSummaries([
        { name: 's1', summary: whole },
        { name: 's2', summary: changed },
      ]),
    ).toThrow('learner "ada" is in both s1 and s2, with different results')
  })
})

describe('compareSummaries', () => {
  it('reports whose scores change, and the checks that explain it', () => {
    const before = sampleSummary()
    const after = structuredClone(before)
    // The check "b" was fixed: bob's failure now passes; "d" is a new check everyone fails.
    after.learners[1]!.results[0] = lab('git/first-commits', [
      check('a', 'passed', 2, 2),
      check('b', 'passed', 3, 3),
      check('d', 'failed', 0, 1),
    ])
    const changes = compareSummaries(before, after)
    expect(changes).toEqual([
      {
        learner: 'bob',
        lab: 'git/first-commits',
        before: { status: 'failed', score: 2, maxScore: 5 },
        after: { status: 'failed', score: 5, maxScore: 6 },
        checks: [
          {
            id: 'b',
            title: 'Check b',
            before: { status: 'failed', points: 0, maxPoints: 3 },
            after: { status: 'passed', points: 3, maxPoints: 3 },
          },
          { id: 'd', title: 'Check d', after: { status: 'failed', points: 0, maxPoints: 1 } },
        ],
      },
    ])
    expect(formatScoreChanges(changes)).toBe(
      [
        'bob  git/first-commits: 2/5 (failed) → 5/6 (failed)',
        '  b: failed 0/3 → passed 3/3',
        '  d: absent → failed 0/1',
        '',
        '1 score change(s) for 1 learner(s).',
        '',
      ].join('\n'),
    )
  })

  it('says so when nothing changes', () => {
    expect(formatScoreChanges(compareSummaries(sampleSummary(), sampleSummary()))).toBe('No score changes.\n')
  })
})
