import { describe, expect, it } from 'vitest'
import { DockerIgnore } from './dockerignore.ts'

describe('DockerIgnore', () => {
  const ignore = DockerIgnore.parse(
    [
      '# comment',
      'node_modules',
      '*.log',
      '**/secret-*',
      'dist/',
      '!dist/keep.txt',
      '/Dockerfile',
      'a?c',
    ].join('\n'),
  )
  it.each([
    ['node_modules', true],
    ['node_modules/x/index.js', true],
    ['app.log', true],
    ['logs/app.log', false],
    ['secret-key', true],
    ['deep/down/secret-key', true],
    ['dist/main.js', true],
    ['dist/keep.txt', false],
    ['Dockerfile', true],
    ['abc', true],
    ['abbc', false],
    ['src/index.ts', false],
  ])('%s → ignored %s', (path, expected) => {
    expect(ignore.ignores(path)).toBe(expected)
  })

  it('knows when exceptions exist', () => {
    expect(ignore.hasExceptions).toBe(true)
    expect(DockerIgnore.parse('a\nb').hasExceptions).toBe(false)
  })
})
