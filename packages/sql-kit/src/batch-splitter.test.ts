import { describe, expect, it } from 'vitest'
import { scriptLine, splitBatches } from './batch-splitter.ts'

const texts = (script: string) => splitBatches(script).batches.map((b) => b.text)

describe('splitBatches', () => {
  it('splits on GO lines and records where each batch starts', () => {
    const { batches, issues } = splitBatches(
      'CREATE SCHEMA sales\nGO\n\nCREATE TABLE t (id int)\ngo\nSELECT 1',
    )
    expect(issues).toEqual([])
    expect(batches).toEqual([
      { text: 'CREATE SCHEMA sales', startLine: 1, repeat: 1 },
      { text: '\nCREATE TABLE t (id int)', startLine: 3, repeat: 1 },
      { text: 'SELECT 1', startLine: 6, repeat: 1 },
    ])
  })

  it('accepts whitespace, a count and a trailing comment on the GO line', () => {
    const { batches } = splitBatches(
      'SELECT 1\n  Go  \nSELECT 2\nGO 5 -- five times\nSELECT 3\n\tGO\t-- done',
    )
    expect(batches.map((b) => [b.text, b.repeat])).toEqual([
      ['SELECT 1', 1],
      ['SELECT 2', 5],
      ['SELECT 3', 1],
    ])
  })

  it('does not treat GO as a separator when it is part of a statement line', () => {
    expect(texts('SELECT 1 GO\nGOTO done\nGO;\nGO x')).toEqual(['SELECT 1 GO\nGOTO done\nGO;\nGO x'])
  })

  it('ignores GO inside string literals, including doubled quotes and N strings', () => {
    expect(texts("SELECT 'it''s\nGO\nstill a string'\nGO\nSELECT N'x\nGO\ny'")).toEqual([
      "SELECT 'it''s\nGO\nstill a string'",
      "SELECT N'x\nGO\ny'",
    ])
  })

  it('ignores GO inside bracketed and quoted identifiers', () => {
    expect(texts('CREATE TABLE [a]]b\nGO\n] (x int)\nGO\nSELECT "q\nGO\n"')).toEqual([
      'CREATE TABLE [a]]b\nGO\n] (x int)',
      'SELECT "q\nGO\n"',
    ])
  })

  it('ignores GO inside nested block comments but not after a line comment ends', () => {
    const script =
      "SELECT 1 /* outer /* inner\nGO\n*/ still comment\nGO\n*/\nGO\nSELECT 2 -- it's a comment\nGO\nSELECT 3"
    expect(texts(script)).toEqual([
      'SELECT 1 /* outer /* inner\nGO\n*/ still comment\nGO\n*/',
      "SELECT 2 -- it's a comment",
      'SELECT 3',
    ])
  })

  it('drops batches with only whitespace and comments, keeping line numbers right', () => {
    const { batches } = splitBatches('-- header\n\nGO\n/* nothing */\nGO\n\n\nSELECT 1\nGO\n')
    expect(batches).toEqual([{ text: '\n\nSELECT 1', startLine: 6, repeat: 1 }])
    expect(scriptLine(batches[0]!, 3)).toBe(8)
  })

  it('handles CRLF line endings', () => {
    expect(splitBatches('SELECT 1\r\nGO\r\nSELECT 2\r\n').batches.map((b) => [b.text, b.startLine])).toEqual([
      ['SELECT 1', 1],
      ['SELECT 2\n', 3],
    ])
  })

  it('reports an unterminated string or comment at the line where it opens', () => {
    expect(splitBatches("SELECT 1\nGO\nSELECT 'oops\nGO\n").issues).toEqual([
      { line: 3, message: 'this string literal is never closed' },
    ])
    expect(splitBatches('SELECT 1 /* a /* b */\n').issues).toEqual([
      { line: 1, message: 'this block comment is never closed' },
    ])
  })

  it('rejects GO 0', () => {
    expect(splitBatches('SELECT 1\nGO 0').issues).toEqual([
      { line: 2, message: '"GO 0" must repeat the batch at least once' },
    ])
  })

  it('returns no batches for an empty script', () => {
    expect(splitBatches('')).toEqual({ batches: [], issues: [] })
    expect(splitBatches('\n  \nGO\n-- only a comment\n').batches).toEqual([])
  })
})
