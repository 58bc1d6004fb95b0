import { describe, expect, test } from 'vitest'
import { touchText } from './rebuild-after-touch.ts'

describe('touchText', () => {
  test('a comment in the language of the file, naming the run', () => {
    expect(touchText('src/server.ts', 'run-1')).toBe('\n// touched by the grader (run-1)\n')
    expect(touchText('schema.sql', 'run-1')).toBe('\n-- touched by the grader (run-1)\n')
    expect(touchText('app.py', 'run-1')).toBe('\n# touched by the grader (run-1)\n')
  })

  test('JSON gets trailing blanks only, a number that depends on the run', () => {
    const a = touchText('package.json', 'run-1')
    expect(a).toMatch(/^\n +$/)
    expect(JSON.parse(`{}${a}`)).toEqual({})
    expect(touchText('package.json', 'run-1')).toBe(a)
    expect(touchText('package.json', 'run-2')).not.toBe(a)
  })
})
