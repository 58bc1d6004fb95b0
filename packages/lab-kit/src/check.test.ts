import { describe, expect, it } from 'vitest'
import { defineChecks } from './check.ts'
import { CheckFailure, formatFailure } from './check-failure.ts'
import { parseManifest } from './manifest.ts'
import { defineSuite } from './suite.ts'

describe('lab-kit', () => {
  it('rejects check ids that are not kebab-case or repeat', () => {
    expect(() => defineChecks('public', [{ id: 'Bad_Id', title: 't', points: 1, async run() {} }])).toThrow(
      /kebab-case/,
    )
    const twice = { id: 'same', title: 't', points: 1, async run() {} }
    expect(() => defineChecks('public', [twice, twice])).toThrow(/declared twice/)
  })

  it('gives checks the visibility of the file that declares them', () => {
    expect(defineChecks('hidden', [{ id: 'a', title: 't', points: 1, async run() {} }])[0]?.visibility).toBe(
      'hidden',
    )
  })

  it('formats a failure as where: expected, but found', () => {
    expect(formatFailure({ expected: 'a tag v1', found: 'none', where: 'branch main' })).toBe(
      'branch main: expected a tag v1, but found none',
    )
    expect(new CheckFailure('a clean tree').message).toBe('expected a clean tree')
  })

  it('requires every fixture to fail something, with a recipe', () => {
    const base = { checks: [], solution: { dir: 'solution' } }
    expect(() => defineSuite({ ...base, fixtures: [{ id: 'f', title: 'f', fails: [], dir: 'x' }] })).toThrow(
      /at least one/,
    )
    expect(() => defineSuite({ ...base, fixtures: [{ id: 'f', title: 'f', fails: ['a'] }] })).toThrow(
      /needs `dir` or `apply`/,
    )
  })

  it('reports manifest problems by field', () => {
    const r = parseManifest({ title: 'x' })
    expect(r.ok).toBe(false)
    if (!r.ok)
      expect(r.issues.map((i) => i.field)).toEqual(expect.arrayContaining(['title', 'summary', 'difficulty']))
  })
})
