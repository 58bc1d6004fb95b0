/** One logical Dockerfile instruction (continuation lines joined), with its 1-based first line. */
export interface DockerfileInstruction {
  line: number
  keyword: string
  text: string
}

/** Splits a Dockerfile into instructions; comments and blank lines are skipped. */
export function parseDockerfile(source: string): DockerfileInstruction[] {
  const lines = source.split(/\r?\n/)
  const out: DockerfileInstruction[] = []
  let current: { line: number; parts: string[] } | undefined
  lines.forEach((raw, index) => {
    const trimmed = raw.trim()
    if (!current && (trimmed === '' || trimmed.startsWith('#'))) return
    if (current && trimmed.startsWith('#')) return
    const continues = trimmed.endsWith('\\')
    const part = continues ? trimmed.slice(0, -1) : trimmed
    if (!current) current = { line: index + 1, parts: [] }
    current.parts.push(part)
    if (!continues) {
      const text = normalise(current.parts.join(' '))
      out.push({ line: current.line, keyword: (text.split(' ')[0] ?? '').toUpperCase(), text })
      current = undefined
    }
  })
  if (current) {
    const text = normalise(current.parts.join(' '))
    out.push({ line: current.line, keyword: (text.split(' ')[0] ?? '').toUpperCase(), text })
  }
  return out
}

export function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** The base images a Dockerfile pulls from (stage references, `scratch` and `$VAR` ones left out). */
export function baseImages(instructions: DockerfileInstruction[]): { image: string; line: number }[] {
  const stages = new Set<string>()
  const out: { image: string; line: number }[] = []
  for (const ins of instructions) {
    if (ins.keyword !== 'FROM') continue
    const words = ins.text
      .split(' ')
      .slice(1)
      .filter((w) => !w.startsWith('--'))
    const image = words[0]
    if (words[1]?.toUpperCase() === 'AS' && words[2]) stages.add(words[2].toLowerCase())
    if (!image || image === 'scratch' || image.includes('$') || stages.has(image.toLowerCase())) continue
    out.push({ image, line: ins.line })
  }
  return out
}

/**
 * Inserts `extra` lines after every FROM instruction (to bring the proxy CA into each stage). The
 * learner's lines keep their text, and `toOriginalLine` maps a line of the result back to theirs.
 */
export function injectAfterFrom(
  source: string,
  extra: string[],
): { text: string; toOriginalLine: (line: number) => number } {
  const lines = source.split(/\r?\n/)
  const fromLines = new Set(
    parseDockerfile(source)
      .filter((i) => i.keyword === 'FROM')
      .map((i) => lastLineOf(lines, i.line)),
  )
  const origin: number[] = []
  const out: string[] = []
  lines.forEach((line, i) => {
    out.push(line)
    origin.push(i + 1)
    if (fromLines.has(i + 1))
      for (const e of extra) {
        out.push(e)
        origin.push(i + 1)
      }
  })
  return { text: out.join('\n'), toOriginalLine: (line) => origin[line - 1] ?? line }
}

function lastLineOf(lines: string[], first: number): number {
  let n = first
  while ((lines[n - 1] ?? '').trim().endsWith('\\') && n < lines.length) n++
  return n
}
