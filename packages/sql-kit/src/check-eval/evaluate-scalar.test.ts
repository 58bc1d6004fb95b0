import { describe, expect, it } from 'vitest'
import { evaluatePredicate, evaluateScalar, scalarRow } from './evaluate-scalar.ts'
import { parseScalar } from './parse-scalar.ts'
import type { SqlValue } from './scalar-expression.ts'
import { UnsupportedExpression } from './scalar-tokens.ts'

const truth = (text: string, values: Record<string, SqlValue> = {}, types: Record<string, string> = {}) =>
  evaluatePredicate(parseScalar(text), scalarRow(values, types))

describe('the scalar evaluator', () => {
  it('compares numbers, in the learner spelling and the one SQL Server stores', () => {
    expect(truth('Quantity > 0', { Quantity: 0 })).toBe(false)
    expect(truth('Quantity > 0', { Quantity: 1 })).toBe(true)
    expect(truth('([Quantity]>(0))', { quantity: 0 })).toBe(false)
    expect(truth('0 < [Price]', { Price: 0.01 })).toBe(true)
    expect(truth('Quantity !< 1', { Quantity: 0 })).toBe(false)
    expect(truth('Quantity != 3', { Quantity: 3 })).toBe(false)
  })

  it('uses three-valued logic: NULL compares UNKNOWN, and NOT UNKNOWN stays UNKNOWN', () => {
    expect(truth('Quantity > 0', {})).toBe(null)
    expect(truth('NOT (Quantity > 0)', {})).toBe(null)
    expect(truth('Quantity > 0 AND Price > 0', { Quantity: 0 })).toBe(false)
    expect(truth('Quantity > 0 AND Price > 0', { Quantity: 1 })).toBe(null)
    expect(truth('Quantity > 0 OR Price > 0', { Quantity: 1 })).toBe(true)
    expect(truth('Quantity > 0 OR Price > 0', { Quantity: 0 })).toBe(null)
    expect(truth('Quantity IS NOT NULL', { Quantity: 0 })).toBe(true)
    expect(truth('Quantity IS NULL OR Quantity > 0', {})).toBe(true)
    expect(truth('Status NOT IN (NULL, 1)', { Status: 2 })).toBe(null)
  })

  it('reads IN, NOT IN, BETWEEN and precedence of AND over OR', () => {
    const statuses = "Status IN ('new', N'paid', 'shipped', 'cancelled')"
    expect(truth(statuses, { Status: 'paid' })).toBe(true)
    expect(truth(statuses, { Status: 'PAID  ' })).toBe(true)
    expect(truth(statuses, { Status: 'shiped' })).toBe(false)
    expect(truth("Status NOT IN ('x')", { Status: 'x' })).toBe(false)
    expect(truth('Quantity BETWEEN 1 AND 10', { Quantity: 10 })).toBe(true)
    expect(truth('Quantity NOT BETWEEN 1 AND 10', { Quantity: 11 })).toBe(true)
    expect(truth('Quantity BETWEEN 1 AND 10 AND Price > 0', { Quantity: 0, Price: 1 })).toBe(false)
    expect(truth('A = 1 OR A = 2 AND B = 3', { A: 1, B: 0 })).toBe(true)
    expect(truth('(A = 1 OR A = 2) AND B = 3', { A: 1, B: 0 })).toBe(false)
  })

  it('matches LIKE patterns with %, _, classes and ESCAPE, case-insensitively', () => {
    expect(truth("Email LIKE '%_@_%._%'", { Email: 'ada@example.org' })).toBe(true)
    expect(truth("Email LIKE '%_@_%._%'", { Email: 'ada.example.org' })).toBe(false)
    expect(truth("Sku LIKE '[A-Z][A-Z]-[0-9][0-9][0-9]'", { Sku: 'wc-120' })).toBe(true)
    expect(truth("Sku LIKE '[^0-9]%'", { Sku: '1x' })).toBe(false)
    expect(truth("Code NOT LIKE '%!%%' ESCAPE '!'", { Code: '10%' })).toBe(false)
    expect(truth("Code LIKE 'a.c'", { Code: 'abc' })).toBe(false)
  })

  it('does arithmetic with T-SQL integer division, and LEN / DATALENGTH', () => {
    expect(evaluateScalar(parseScalar('7 / 2'), scalarRow({}))).toBe(3)
    expect(evaluateScalar(parseScalar('7.0 / 2'), scalarRow({}))).toBe(3.5)
    expect(evaluateScalar(parseScalar('-(2 + 3) * 2 % 4'), scalarRow({}))).toBe(-2)
    expect(truth('Quantity * UnitPrice >= 0', { Quantity: 2, UnitPrice: -1 })).toBe(false)
    expect(truth('LEN(Name) > 0', { Name: '   ' })).toBe(false)
    expect(truth('LEN(LTRIM(RTRIM(Name))) > 0', { Name: ' a ' })).toBe(true)
    expect(truth('DATALENGTH(Name) = 6', { Name: 'abc' }, { Name: 'nvarchar' })).toBe(true)
    expect(truth('DATALENGTH(Name) = 3', { Name: 'abc' }, { Name: 'varchar' })).toBe(true)
    expect(truth("DATALENGTH(N'ab') = 4")).toBe(true)
    expect(truth("Name + 'x' = 'abx'", { Name: 'ab' })).toBe(true)
    expect(truth('ISNULL(Discount, 0) >= 0', {})).toBe(true)
  })

  it('says what it does not understand instead of guessing', () => {
    expect(() => parseScalar('CASE WHEN A = 1 THEN 1 END = 1')).toThrow(UnsupportedExpression)
    expect(() => parseScalar('A > (SELECT MAX(B) FROM t)')).toThrow(UnsupportedExpression)
    expect(() => truth('dbo.IsValid(A) = 1', { A: 1 })).toThrow(UnsupportedExpression)
    expect(() => truth('Quantity', { Quantity: 1 })).toThrow(UnsupportedExpression)
    expect(() => truth("A > 'x'", { A: 1 })).toThrow(UnsupportedExpression)
    expect(() => parseScalar("Status = 'open")).toThrow(UnsupportedExpression)
  })
})
