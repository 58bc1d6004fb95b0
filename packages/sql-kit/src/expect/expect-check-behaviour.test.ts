import { CheckFailure, CheckFailures, expectAll } from '@backend-labs/lab-kit'
import { describe, expect, it } from 'vitest'
import { analyzeScripts } from '../static/static-engine.ts'
import { expectCheckBehaviour } from './expect-check-behaviour.ts'
import { expectColumn } from './expect-column.ts'

const lines = (check: string) =>
  analyzeScripts([
    {
      file: 'schema.sql',
      text: `CREATE TABLE dbo.OrderLines (\n  OrderId int NOT NULL,\n  Quantity int NOT NULL${check}\n);\n`,
    },
  ]).model

const aboveZero = { rule: 'be greater than 0', rejects: [0, -1], accepts: [1, 50] }

function failure(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    if (error instanceof CheckFailure) return error.message
    throw error
  }
  throw new Error('expected a CheckFailure')
}

describe('expectCheckBehaviour: a CHECK judged by what it allows', () => {
  it.each([
    [' CHECK (Quantity > 0)'],
    [' CONSTRAINT CK_Q CHECK ([Quantity]>=(1))'],
    [' CHECK (NOT Quantity <= 0)'],
    [' CHECK (Quantity BETWEEN 1 AND 1000)'],
    [',\n  CONSTRAINT CK_Q CHECK (0 < Quantity AND OrderId > 0)'],
  ])('passes every correct spelling:%s', (check) => {
    expect(expectCheckBehaviour(lines(check), 'dbo.OrderLines', 'Quantity', aboveZero)).toEqual({
      undecided: [],
    })
  })

  it.each([
    [' CHECK (Quantity >= 0)', '0 is accepted'],
    [' CHECK (Quantity <= 1000)', '0 is accepted; -1 is accepted'],
    [' CHECK (Quantity IS NOT NULL)', '0 is accepted; -1 is accepted'],
    [' CHECK (Quantity > 10)', '1 is refused by CHECK (Quantity > 10)'],
  ])('fails the lenient or wrong rule%s', (check, found) => {
    expect(
      failure(() => expectCheckBehaviour(lines(check), 'dbo.OrderLines', 'Quantity', aboveZero)),
    ).toContain(`but found ${found}`)
  })

  it('says which rule was wanted, what was found and where', () => {
    expect(
      failure(() =>
        expectCheckBehaviour(lines(' CHECK (Quantity >= 0)'), 'dbo.OrderLines', 'Quantity', aboveZero),
      ),
    ).toBe(
      'schema.sql:3: expected dbo.OrderLines.Quantity to be greater than 0 (0, -1 refused, 1, 50 accepted), but found 0 is accepted (CHECK (Quantity >= 0))',
    )
    expect(failure(() => expectCheckBehaviour(lines(''), 'dbo.OrderLines', 'Quantity', aboveZero))).toBe(
      'schema.sql:3: expected dbo.OrderLines.Quantity to be greater than 0 (0, -1 refused, 1, 50 accepted), but found 0 is accepted; -1 is accepted (no CHECK constraint on dbo.OrderLines reads Quantity)',
    )
  })

  it('gives a CHECK it cannot evaluate the benefit of the doubt, and says which values stay open', () => {
    const model = lines(' CHECK (CASE WHEN Quantity > 0 THEN 1 ELSE 0 END = 1)')
    expect(expectCheckBehaviour(model, 'dbo.OrderLines', 'Quantity', aboveZero)).toEqual({
      undecided: [0, -1],
    })
  })
})

describe('expectAll: every problem of a check in one run', () => {
  it('reports a missing DEFAULT and a missing CHECK on the same column together', () => {
    const model = lines('')
    const run = () =>
      expectAll([
        () => expectColumn(model, 'dbo.OrderLines', 'Quantity', { hasDefault: true }),
        () =>
          expectCheckBehaviour(model, 'dbo.OrderLines', 'Quantity', {
            ...aboveZero,
            hint: 'CHECK (Quantity > 0)',
          }),
      ])
    expect(failure(run)).toBe(
      [
        '2 problems:',
        '1. schema.sql:3: expected dbo.OrderLines.Quantity to have a DEFAULT, but found no DEFAULT',
        '2. schema.sql:3: expected dbo.OrderLines.Quantity to be greater than 0 (0, -1 refused, 1, 50 accepted), but found 0 is accepted; -1 is accepted (no CHECK constraint on dbo.OrderLines reads Quantity)',
      ].join('\n'),
    )
    try {
      run()
    } catch (error) {
      expect(error).toBeInstanceOf(CheckFailures)
      expect((error as CheckFailures).hints).toEqual(['CHECK (Quantity > 0)'])
      expect((error as CheckFailures).details.where).toBe('schema.sql:3')
    }
  })

  it('rethrows a single failure unchanged and lets a grader bug through at once', () => {
    const one = new CheckFailure({ expected: 'x' })
    expect(() =>
      expectAll([
        () => {},
        () => {
          throw one
        },
      ]),
    ).toThrow(one)
    const bug = new TypeError('bug')
    let ran = false
    expect(() =>
      expectAll([
        () => {
          throw bug
        },
        () => {
          ran = true
        },
      ]),
    ).toThrow(bug)
    expect(ran).toBe(false)
    expect(() => expectAll([() => {}])).not.toThrow()
  })
})

describe('expectColumn names every fact that differs', () => {
  it('reports a wrong type and a missing NOT NULL together', () => {
    const model = analyzeScripts([
      { file: 'a.sql', text: 'CREATE TABLE dbo.T (\n  Email varchar(50) NULL\n);\n' },
    ]).model
    expect(
      failure(() =>
        expectColumn(model, 'dbo.T', 'Email', { type: 'nvarchar', length: 254, nullable: false }),
      ),
    ).toBe(
      [
        '2 problems:',
        '1. a.sql:2: expected dbo.T.Email to be nvarchar(254), but found varchar(50)',
        '2. a.sql:2: expected dbo.T.Email to be NOT NULL, but found it allows NULL',
      ].join('\n'),
    )
  })
})
