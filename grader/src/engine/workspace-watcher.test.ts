import { describe, expect, it } from 'vitest'
import { isGradeTrigger } from './workspace-watcher.ts'

describe('isGradeTrigger', () => {
  it.each([
    ['src/index.ts', true],
    ['.gitignore', true],
    ['.git/refs/heads/main', true],
    ['.git/refs/heads/main.lock', true],
    ['.git/HEAD', true],
    ['.git/packed-refs', true],
    ['.git/objects/ab/cdef0123', false],
    ['.git/index', false],
    ['.git/logs/HEAD', false],
    ['.git/COMMIT_EDITMSG', false],
    ['node_modules/x/index.js', false],
  ])('%s → %s', (path, expected) => {
    expect(isGradeTrigger(path)).toBe(expected)
  })
})
