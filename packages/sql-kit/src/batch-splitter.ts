/** One batch of a T-SQL script: the text between two `GO` separators. */
export interface Batch {
  /** The batch text, without the separator lines. */
  text: string
  /** 1-based line of the script on which `text` begins, so server line N maps to `startLine + N - 1`. */
  startLine: number
  /** How often the batch runs (`GO 5` runs it five times). */
  repeat: number
}

/** Something the splitter could not accept, e.g. an unterminated string. */
export interface SplitIssue {
  line: number
  message: string
}

export interface SplitResult {
  batches: Batch[]
  issues: SplitIssue[]
}

// A separator is a whole line: GO, an optional count, an optional trailing `--` comment.
const GO_LINE = /^[ \t]*go(?:[ \t]+(\d+))?[ \t]*(?:--.*)?$/i

type State = 'code' | 'string' | 'bracket' | 'quoted' | 'line-comment' | 'block-comment'

const OPENERS: Record<string, string> = {
  string: 'string literal',
  bracket: 'bracketed identifier',
  quoted: 'quoted identifier',
  'block-comment': 'block comment',
}

/**
 * Splits a script on `GO` separator lines, the way sqlcmd and SSMS do. A `GO` inside a string
 * literal, a bracketed or quoted identifier, or a comment (block comments nest in T-SQL) is text.
 * Batches holding only whitespace and comments are dropped.
 */
export function splitBatches(script: string): SplitResult {
  const lines = script.replace(/\r\n?/g, '\n').split('\n')
  const batches: Batch[] = []
  const issues: SplitIssue[] = []
  let state: State = 'code'
  let depth = 0
  let openedAt = 0
  let current: string[] = []
  let currentStart = 1
  let hasCode = false

  const flush = (repeat: number): void => {
    if (hasCode) batches.push({ text: current.join('\n'), startLine: currentStart, repeat })
    current = []
    hasCode = false
  }

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    const lineNo = i + 1
    if (state === 'code') {
      const go = GO_LINE.exec(line)
      if (go) {
        const count = go[1] === undefined ? 1 : Number(go[1])
        if (count < 1)
          issues.push({ line: lineNo, message: `"GO ${go[1]}" must repeat the batch at least once` })
        flush(Math.max(count, 1))
        currentStart = lineNo + 1
        continue
      }
    }
    current.push(line)
    for (let j = 0; j < line.length; j++) {
      const c = line[j]
      const next = line[j + 1]
      switch (state) {
        case 'code':
          if (c === "'") [state, openedAt, hasCode] = ['string', lineNo, true]
          else if (c === '[') [state, openedAt, hasCode] = ['bracket', lineNo, true]
          else if (c === '"') [state, openedAt, hasCode] = ['quoted', lineNo, true]
          else if (c === '-' && next === '-') state = 'line-comment'
          else if (c === '/' && next === '*')
            [state, depth, openedAt, j] = ['block-comment', 1, lineNo, j + 1]
          else if (c !== ' ' && c !== '\t') hasCode = true
          break
        case 'string':
          if (c === "'") {
            if (next === "'") j++
            else state = 'code'
          }
          break
        case 'bracket':
          if (c === ']') {
            if (next === ']') j++
            else state = 'code'
          }
          break
        case 'quoted':
          if (c === '"') {
            if (next === '"') j++
            else state = 'code'
          }
          break
        case 'block-comment':
          if (c === '/' && next === '*') [depth, j] = [depth + 1, j + 1]
          else if (c === '*' && next === '/') {
            depth--
            j++
            if (depth === 0) state = 'code'
          }
          break
        case 'line-comment':
          break
      }
    }
    if (state === 'line-comment') state = 'code'
  }
  const opener = OPENERS[state]
  if (opener) issues.push({ line: openedAt, message: `this ${opener} is never closed` })
  flush(1)
  return { batches, issues }
}

/** Maps a line reported by the server for a batch back to the line of the script. */
export function scriptLine(batch: Batch, serverLine: number): number {
  return batch.startLine + Math.max(serverLine, 1) - 1
}
