/** A T-SQL token. `value` is the unquoted text of identifiers and strings. */
export interface Token {
  kind: 'word' | 'ident' | 'string' | 'number' | 'variable' | 'symbol'
  text: string
  value: string
  /** `value` in upper case, for keyword comparisons (computed once). */
  upper: string
  /** Line in the learner's file. */
  line: number
  start: number
  end: number
}

export class LexError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message)
  }
}

const TWO_CHAR = new Set(['>=', '<=', '<>', '!=', '!<', '!>', '+=', '-=', '*=', '/=', '::'])
const WORD_START = /[\p{L}_#]/u
const WORD_PART = /[\p{L}\p{N}_#$@]/u

// ASCII fast paths; other characters go through the Unicode classes above.
function isWordStart(c: string): boolean {
  const code = c.charCodeAt(0)
  if (code < 128)
    return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 35
  return WORD_START.test(c)
}

function isWordPart(c: string): boolean {
  const code = c.charCodeAt(0)
  if (code < 128)
    return (
      (code >= 65 && code <= 90) ||
      (code >= 97 && code <= 122) ||
      (code >= 48 && code <= 57) ||
      code === 95 ||
      code === 35 ||
      code === 36 ||
      code === 64
    )
  return WORD_PART.test(c)
}

function isDigit(c: string | undefined): boolean {
  if (c === undefined) return false
  const code = c.charCodeAt(0)
  return code >= 48 && code <= 57
}

/** Tokenises one batch; comments are dropped. `firstLine` is the batch's first line in the file. */
export function tokenize(text: string, firstLine = 1): Token[] {
  const tokens: Token[] = []
  let line = firstLine
  let i = 0
  const push = (kind: Token['kind'], start: number, end: number, value?: string, startLine = line) => {
    const v = value ?? text.slice(start, end)
    tokens.push({
      kind,
      text: value === undefined ? v : text.slice(start, end),
      value: v,
      upper: kind === 'word' || kind === 'ident' ? v.toUpperCase() : v,
      line: startLine,
      start,
      end,
    })
  }

  while (i < text.length) {
    const c = text[i]!
    const next = text[i + 1]
    if (c === '\n') {
      line++
      i++
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
      i++
    } else if (c === '-' && next === '-') {
      while (i < text.length && text[i] !== '\n') i++
    } else if (c === '/' && next === '*') {
      const startLine = line
      let depth = 0
      do {
        if (text[i] === '/' && text[i + 1] === '*') [depth, i] = [depth + 1, i + 2]
        else if (text[i] === '*' && text[i + 1] === '/') [depth, i] = [depth - 1, i + 2]
        else {
          if (text[i] === '\n') line++
          i++
        }
      } while (depth > 0 && i < text.length)
      if (depth > 0) throw new LexError(startLine, 'this block comment is never closed')
    } else if (c === "'" || ((c === 'N' || c === 'n') && next === "'")) {
      const start = i
      const startLine = line
      i += c === "'" ? 1 : 2
      let value = ''
      for (;;) {
        if (i >= text.length) throw new LexError(startLine, 'this string literal is never closed')
        const ch = text[i]!
        if (ch === "'" && text[i + 1] === "'") [value, i] = [`${value}'`, i + 2]
        else if (ch === "'") break
        else {
          if (ch === '\n') line++
          value += ch
          i++
        }
      }
      i++
      push('string', start, i, value, startLine)
    } else if (c === '[' || c === '"') {
      const close = c === '[' ? ']' : '"'
      const start = i
      const startLine = line
      let value = ''
      i++
      for (;;) {
        if (i >= text.length)
          throw new LexError(
            startLine,
            `this ${c === '[' ? 'bracketed' : 'quoted'} identifier is never closed`,
          )
        const ch = text[i]!
        if (ch === close && text[i + 1] === close) [value, i] = [value + close, i + 2]
        else if (ch === close) break
        else {
          if (ch === '\n') line++
          value += ch
          i++
        }
      }
      i++
      push('ident', start, i, value, startLine)
    } else if (isDigit(c) || (c === '.' && isDigit(next))) {
      const start = i
      if (c === '0' && (next === 'x' || next === 'X')) {
        i += 2
        while (i < text.length && /[0-9a-fA-F]/.test(text[i]!)) i++
      } else {
        while (i < text.length && (isDigit(text[i]) || text[i] === '.')) i++
        if (/[eE]/.test(text[i] ?? '') && /[-+0-9]/.test(text[i + 1] ?? '')) {
          i += 2
          while (i < text.length && /[0-9]/.test(text[i]!)) i++
        }
      }
      push('number', start, i)
    } else if (c === '@' || isWordStart(c)) {
      const start = i
      i++
      while (i < text.length && isWordPart(text[i]!)) i++
      push(c === '@' ? 'variable' : 'word', start, i)
    } else {
      const start = i
      i += next !== undefined && TWO_CHAR.has(c + next) ? 2 : 1
      push('symbol', start, i)
    }
  }
  return tokens
}
