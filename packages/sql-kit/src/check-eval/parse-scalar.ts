import type { CompareOp, ScalarExpression } from './scalar-expression.ts'
import { type ScalarToken, tokenizeScalar, UnsupportedExpression } from './scalar-tokens.ts'

const COMPARE: Record<string, CompareOp> = {
  '=': '=',
  '<>': '<>',
  '!=': '<>',
  '<': '<',
  '>': '>',
  '<=': '<=',
  '>=': '>=',
  '!<': '>=',
  '!>': '<=',
}

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'between', 'like', 'is', 'null', 'escape'])

/**
 * Parses the text of a CHECK (or any scalar T-SQL expression) into a tree. Throws
 * `UnsupportedExpression` for what it does not cover (CASE, subqueries, CAST …).
 */
export function parseScalar(text: string): ScalarExpression {
  return new ScalarParser(tokenizeScalar(text)).parseAll()
}

class ScalarParser {
  private at = 0
  constructor(private readonly tokens: ScalarToken[]) {}

  parseAll(): ScalarExpression {
    if (this.tokens.length === 0) throw new UnsupportedExpression('an empty expression')
    const e = this.or()
    if (this.at < this.tokens.length) throw new UnsupportedExpression(`text after the expression`)
    return e
  }

  private peek(offset = 0): ScalarToken | undefined {
    return this.tokens[this.at + offset]
  }

  /** True (and consumed) when the next token is the unquoted keyword `word`. */
  private keyword(word: string, offset = 0): boolean {
    const t = this.peek(offset)
    return t?.kind === 'name' && !t.quoted && t.value.toLowerCase() === word
  }

  private eatKeyword(word: string): boolean {
    if (!this.keyword(word)) return false
    this.at++
    return true
  }

  private op(value: string): boolean {
    const t = this.peek()
    if (t?.kind !== 'op' || t.value !== value) return false
    this.at++
    return true
  }

  private expectOp(value: string): void {
    if (!this.op(value)) throw new UnsupportedExpression(`a missing ${value}`)
  }

  private or(): ScalarExpression {
    let left = this.and()
    while (this.eatKeyword('or')) left = { kind: 'or', left, right: this.and() }
    return left
  }

  private and(): ScalarExpression {
    let left = this.not()
    while (this.eatKeyword('and')) left = { kind: 'and', left, right: this.not() }
    return left
  }

  private not(): ScalarExpression {
    if (this.eatKeyword('not')) return { kind: 'not', operand: this.not() }
    return this.predicate()
  }

  private predicate(): ScalarExpression {
    const left = this.additive()
    const t = this.peek()
    if (t?.kind === 'op' && COMPARE[t.value]) {
      this.at++
      return { kind: 'compare', op: COMPARE[t.value]!, left, right: this.additive() }
    }
    if (this.eatKeyword('is')) {
      const negated = this.eatKeyword('not')
      if (!this.eatKeyword('null')) throw new UnsupportedExpression('IS without NULL')
      return { kind: 'is-null', operand: left, negated }
    }
    const negated = this.keyword('not') && ['in', 'between', 'like'].some((k) => this.keyword(k, 1))
    if (negated) this.at++
    if (this.eatKeyword('in')) {
      this.expectOp('(')
      const list = [this.additive()]
      while (this.op(',')) list.push(this.additive())
      this.expectOp(')')
      return { kind: 'in', operand: left, list, negated }
    }
    if (this.eatKeyword('between')) {
      const low = this.additive()
      if (!this.eatKeyword('and')) throw new UnsupportedExpression('BETWEEN without AND')
      return { kind: 'between', operand: left, low, high: this.additive(), negated }
    }
    if (this.eatKeyword('like')) {
      const pattern = this.additive()
      const like: ScalarExpression = { kind: 'like', operand: left, pattern, negated }
      if (this.eatKeyword('escape')) like.escape = this.additive()
      return like
    }
    return left
  }

  private additive(): ScalarExpression {
    let left = this.term()
    for (;;) {
      const t = this.peek()
      if (t?.kind !== 'op' || (t.value !== '+' && t.value !== '-')) return left
      this.at++
      left = { kind: 'arithmetic', op: t.value, left, right: this.term() }
    }
  }

  private term(): ScalarExpression {
    let left = this.unary()
    for (;;) {
      const t = this.peek()
      if (t?.kind !== 'op' || (t.value !== '*' && t.value !== '/' && t.value !== '%')) return left
      this.at++
      left = { kind: 'arithmetic', op: t.value, left, right: this.unary() }
    }
  }

  private unary(): ScalarExpression {
    if (this.op('-')) return { kind: 'negate', operand: this.unary() }
    if (this.op('+')) return this.unary()
    return this.primary()
  }

  private primary(): ScalarExpression {
    const t = this.peek()
    if (!t) throw new UnsupportedExpression('an expression that ends too early')
    if (this.op('(')) {
      const inner = this.or()
      this.expectOp(')')
      return inner
    }
    this.at++
    if (t.kind === 'number') return { kind: 'literal', value: t.value, decimal: t.decimal }
    if (t.kind === 'string') return { kind: 'literal', value: t.value, unicode: t.unicode }
    if (t.kind === 'op') throw new UnsupportedExpression(`the operator ${t.value}`)
    if (!t.quoted && t.value.toLowerCase() === 'null') return { kind: 'literal', value: null }
    if (!t.quoted && KEYWORDS.has(t.value.toLowerCase()))
      throw new UnsupportedExpression(`the keyword ${t.value}`)
    if (!t.quoted && this.op('(')) {
      const args: ScalarExpression[] = []
      if (!this.op(')')) {
        args.push(this.or())
        while (this.op(',')) args.push(this.or())
        this.expectOp(')')
      }
      return { kind: 'call', name: t.value.toLowerCase(), args }
    }
    let name = t.value
    // A qualified column (`t.Quantity`): the last part names it.
    while (this.op('.')) {
      const next = this.peek()
      if (next?.kind !== 'name') throw new UnsupportedExpression('a name ending in a dot')
      this.at++
      name = next.value
    }
    return { kind: 'column', name }
  }
}
