import { describe, expect, it } from 'vitest'
import { hostAndPort } from './container-diagnosis.ts'

describe('hostAndPort', () => {
  it('keeps an IPv6 address in its brackets before the port', () => {
    expect(hostAndPort('::1', 3000)).toBe('[::1]:3000')
    expect(hostAndPort('127.0.0.1', 3000)).toBe('127.0.0.1:3000')
  })
})
