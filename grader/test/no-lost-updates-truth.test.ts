import { InternalError } from '@backend-labs/lab-kit'
import { describe, expect, test } from 'vitest'
import { parseItemTruth } from '../suites/production/no-lost-updates/database-view.ts'

describe('parseItemTruth: psql’s line for one item', () => {
  test('stock and orders, negative stock kept (an oversell shows as such)', () => {
    expect(parseItemTruth('0 50\n')).toEqual({ stock: 0, orders: 50 })
    expect(parseItemTruth('-3 53')).toEqual({ stock: -3, orders: 53 })
  })

  test('a row gone or a NULL stock is the app’s doing: stock null, not a grader error', () => {
    expect(parseItemTruth('none 12\n')).toEqual({ stock: null, orders: 12 })
  })

  test('anything else (no answer, an error) is the grader’s trouble', () => {
    expect(() => parseItemTruth(undefined)).toThrow(InternalError)
    expect(() => parseItemTruth('ERROR:  relation "items" does not exist')).toThrow(InternalError)
  })
})
