/** One token of a scalar T-SQL expression, as a CHECK constraint holds it. */
export type ScalarToken =
  | { kind: 'number'; value: number; decimal: boolean }
  | { kind: 'string'; value: string; unicode: boolean }
  | { kind: 'name'; value: string; quoted: boolean }
  | { kind: 'op'; value: string }

/** Raised for text the scalar evaluator does not understand; callers then treat the rule as unknown. */
export class UnsupportedExpression extends Error {
  override readonly name = 'UnsupportedExpression'
}

const OPERATORS = [
  '<>',
  '!=',
  '<=',
  '>=',
  '!<',
  '!>',
  '=',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '(',
  ')',
  ',',
  '.',
]

/**
 * Splits a CHECK expression into tokens. Both engines' spellings are read: the learner's
 * `Quantity > 0` and SQL Server's stored `([Quantity]>(0))`.
 */
export function tokenizeScalar(text: string): ScalarToken[] {
  const tokens: ScalarToken[] = []
  let i = 0
  while (i < text.length) {
    const ch = text[i]!
    if (/\s/.test(ch)) {
      i++
      continue
    }
    if (text.startsWith('--', i)) {
      const end = text.indexOf('\n', i)
      i = end < 0 ? text.length : end + 1
      continue
    }
    if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2)
      if (end < 0) throw new UnsupportedExpression('an unterminated comment')
      i = end + 2
      continue
    }
    const unicode = (ch === 'N' || ch === 'n') && text[i + 1] === "'"
    if (ch === "'" || unicode) {
      let j = unicode ? i + 2 : i + 1
      let value = ''
      for (;;) {
        if (j >= text.length) throw new UnsupportedExpression('an unterminated string')
        if (text[j] === "'") {
          if (text[j + 1] === "'") {
            value += "'"
            j += 2
            continue
          }
          break
        }
        value += text[j]
        j++
      }
      tokens.push({ kind: 'string', value, unicode })
      i = j + 1
      continue
    }
    const number = /^(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)/.exec(text.slice(i))
    if (number) {
      tokens.push({ kind: 'number', value: Number(number[0]), decimal: /[.eE]/.test(number[0]) })
      i += number[0].length
      continue
    }
    if (ch === '[' || ch === '"') {
      const close = ch === '[' ? ']' : '"'
      let j = i + 1
      let value = ''
      for (;;) {
        if (j >= text.length) throw new UnsupportedExpression('an unterminated name')
        if (text[j] === close) {
          if (text[j + 1] === close) {
            value += close
            j += 2
            continue
          }
          break
        }
        value += text[j]
        j++
      }
      tokens.push({ kind: 'name', value, quoted: true })
      i = j + 1
      continue
    }
    const word = /^[\p{L}_@#][\p{L}\p{N}_@#$]*/u.exec(text.slice(i))
    if (word) {
      tokens.push({ kind: 'name', value: word[0], quoted: false })
      i += word[0].length
      continue
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i))
    if (!op) throw new UnsupportedExpression(`the character ${ch}`)
    tokens.push({ kind: 'op', value: op })
    i += op.length
  }
  return tokens
}
