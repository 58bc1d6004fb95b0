import { describe, expect, it } from 'vitest'
import { normalizeExpression } from './normalize-expression.ts'

describe('normalizeExpression', () => {
  it('makes the learner text and SQL Server catalog text of the same expression equal', () => {
    const pairs: [string, string][] = [
      ['Price >= 0', '([Price]>=(0))'],
      ['0', '((0))'],
      ['-1', '((-1))'],
      ["N'x'", "(N'x')"],
      ['SYSUTCDATETIME()', '(sysutcdatetime())'],
      ['CURRENT_TIMESTAMP', '(getdate())'],
      ['LEN(Email) > 3', '(len([Email])>(3))'],
      ['C IS NOT NULL', '([C] IS NOT NULL)'],
      ['(Quantity * UnitPrice)', '([Quantity]*[UnitPrice])'],
    ]
    for (const [learner, catalog] of pairs)
      expect(normalizeExpression(learner)).toBe(normalizeExpression(catalog))
  })

  it('keeps what changes the meaning: string case and needed parentheses', () => {
    expect(normalizeExpression("Status = 'New'")).not.toBe(normalizeExpression("Status = 'new'"))
    expect(normalizeExpression('a * (b + c)')).toBe('a*(b+c)')
    expect(normalizeExpression('[A] IS NOT NULL')).toBe('a is not null')
  })
})
