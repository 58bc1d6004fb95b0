/** The first log line that is not a JSON object with a string `level` and a string `msg`/`message`. */
export function firstBadLogLine(logs: string): { line: number; text: string; problem: string } | undefined {
  const lines = logs.split(/\r?\n/)
  for (const [index, text] of lines.entries()) {
    if (text.trim() === '') continue
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      return { line: index + 1, text, problem: 'is not JSON' }
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return { line: index + 1, text, problem: 'is JSON but not an object' }
    }
    const entry = value as Record<string, unknown>
    if (typeof entry.level !== 'string') return { line: index + 1, text, problem: 'has no string "level"' }
    if (typeof entry.msg !== 'string' && typeof entry.message !== 'string') {
      return { line: index + 1, text, problem: 'has no string "msg" (or "message")' }
    }
  }
  return undefined
}

export function shorten(text: string, max = 100): string {
  return text.length > max ? `${text.slice(0, max)}…` : text
}
