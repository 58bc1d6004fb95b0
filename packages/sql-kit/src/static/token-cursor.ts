import { DEFAULT_SCHEMA } from '../schema-model.ts'
import { RESERVED_WORDS } from './reserved-words.ts'
import type { Token } from './tsql-lexer.ts'

/** A parse error at a line of the learner's file, with what was not understood. */
export class ParseError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message)
  }
}

export interface QualifiedName {
  schema: string
  name: string
  /** Whether the schema was written out (otherwise it defaulted to dbo). */
  explicitSchema: boolean
  line: number
}

/** Walks the tokens of one batch. Keyword checks are case-insensitive. */
export class TokenCursor {
  pos = 0
  /** The schema of names written without one: dbo, or the schema of a CREATE SCHEMA's elements. */
  defaultSchema = DEFAULT_SCHEMA

  constructor(
    readonly tokens: Token[],
    readonly source: string,
    readonly lastLine: number,
  ) {}

  peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset]
  }

  atEnd(): boolean {
    return this.pos >= this.tokens.length
  }

  line(): number {
    return this.peek()?.line ?? this.tokens.at(-1)?.line ?? this.lastLine
  }

  next(expected = 'more text'): Token {
    const t = this.peek()
    if (!t) this.fail(expected)
    this.pos++
    return t
  }

  isWord(word: string, offset = 0): boolean {
    const t = this.peek(offset)
    return t?.kind === 'word' && t.upper === word
  }

  /** Consumes the words if they all follow in order. */
  acceptWords(...words: string[]): boolean {
    if (!words.every((w, i) => this.isWord(w, i))) return false
    this.pos += words.length
    return true
  }

  expectWords(...words: string[]): void {
    if (!this.acceptWords(...words)) this.fail(words.join(' '))
  }

  isSymbol(symbol: string, offset = 0): boolean {
    const t = this.peek(offset)
    return t?.kind === 'symbol' && t.value === symbol
  }

  acceptSymbol(symbol: string): boolean {
    if (!this.isSymbol(symbol)) return false
    this.pos++
    return true
  }

  expectSymbol(symbol: string, context = ''): void {
    if (!this.acceptSymbol(symbol)) this.fail(`"${symbol}"${context ? ` ${context}` : ''}`)
  }

  /** An identifier: a plain word or a [bracketed]/"quoted" name. */
  identifier(what: string, allowReserved = false): string {
    const t = this.peek()
    if (t?.kind === 'word' && !allowReserved && RESERVED_WORDS.has(t.upper))
      throw new ParseError(
        t.line,
        `incorrect syntax near "${t.text}": expected ${what}; ${t.text} is a reserved word, so write it as [${t.text}]`,
      )
    if (t?.kind === 'word' || t?.kind === 'ident') {
      this.pos++
      return t.value
    }
    this.fail(what)
  }

  /** `name`, `schema.name` or `db.schema.name` (the database part is ignored). */
  qualifiedName(what: string): QualifiedName {
    const line = this.line()
    const parts = [this.identifier(what)]
    while (this.isSymbol('.')) {
      this.pos++
      parts.push(this.identifier(what))
    }
    const name = parts.at(-1)!
    const explicitSchema = parts.length >= 2
    return { schema: explicitSchema ? parts.at(-2)! : this.defaultSchema, name, explicitSchema, line }
  }

  /** A name as written, parts joined by "." without brackets: `sales.Orders`, `#tmp`, `db..t`. */
  qualifiedNameText(what: string): string {
    const parts = [this.identifier(what)]
    while (this.isSymbol('.')) {
      this.pos++
      if (this.isSymbol('.')) continue
      parts.push(this.identifier(what))
    }
    return parts.join('.')
  }

  /** A parenthesised, comma-separated list of identifiers. */
  nameList(what: string): string[] {
    this.expectSymbol('(', `before the ${what}`)
    const names = [this.identifier(what)]
    while (this.acceptSymbol(',')) names.push(this.identifier(what))
    this.expectSymbol(')', `after the ${what}`)
    return names
  }

  /** Skips a balanced `( … )` group and returns its inner text. */
  group(context: string): string {
    const open = this.peek()
    this.expectSymbol('(', context)
    let depth = 1
    while (depth > 0) {
      const t = this.next(`")" to close the "(" opened on line ${open?.line}`)
      if (t.kind === 'symbol' && t.value === '(') depth++
      else if (t.kind === 'symbol' && t.value === ')') depth--
    }
    const close = this.tokens[this.pos - 1]!
    return this.source.slice(open!.end, close.start).trim()
  }

  /** The source text of tokens [from, to). */
  textBetween(from: number, to: number): string {
    const a = this.tokens[from]
    const b = this.tokens[to - 1]
    return a && b ? this.source.slice(a.start, b.end) : ''
  }

  fail(expected: string, token = this.peek()): never {
    if (!token)
      throw new ParseError(
        this.tokens.at(-1)?.line ?? this.lastLine,
        `unexpected end of the batch: expected ${expected}`,
      )
    throw new ParseError(token.line, `incorrect syntax near "${token.text}": expected ${expected}`)
  }
}
