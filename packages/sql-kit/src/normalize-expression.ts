import { tokenize } from './static/tsql-lexer.ts'

// SQL Server stores definitions rewritten (`Price >= 0` becomes `([Price]>=(0))`, CURRENT_TIMESTAMP
// becomes getdate()), so both engines' expressions go through here before they are compared.
const SYNONYMS: Record<string, string[]> = {
  current_timestamp: ['getdate', '(', ')'],
}

/**
 * A canonical text for a default, check, computed or filter expression: brackets and redundant
 * parentheses removed, case folded outside string literals, no whitespace except between words.
 */
export function normalizeExpression(expression: string): string {
  let parts: string[]
  try {
    parts = tokenize(expression).flatMap((t) => {
      if (t.kind === 'string') return [`'${t.value.replaceAll("'", "''")}'`]
      const v = t.value.toLowerCase()
      return SYNONYMS[v] ?? [v]
    })
  } catch {
    return expression.trim()
  }
  for (let changed = true; changed; ) {
    changed = false
    for (let i = 0; i + 2 < parts.length; i++) {
      const inner = parts[i + 1]!
      const wrapsOneToken = parts[i] === '(' && parts[i + 2] === ')' && inner !== '(' && inner !== ')'
      const isCall = i > 0 && /^[a-z_@#]/.test(parts[i - 1]!)
      if (wrapsOneToken && !isCall) {
        parts.splice(i, 3, inner)
        changed = true
      }
    }
    if (parts[0] === '(' && matchingParen(parts, 0) === parts.length - 1) {
      parts = parts.slice(1, -1)
      changed = true
    }
  }
  let text = ''
  for (const p of parts) {
    if (/^[\w@#'.]/.test(p) && /[\w@#'.]$/.test(text)) text += ' '
    text += p
  }
  return text
}

function matchingParen(parts: string[], open: number): number {
  let depth = 0
  for (let i = open; i < parts.length; i++) {
    if (parts[i] === '(') depth++
    else if (parts[i] === ')' && --depth === 0) return i
  }
  return -1
}
