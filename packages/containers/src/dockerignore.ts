import { posix } from 'node:path'

interface IgnoreRule {
  regex: RegExp
  negate: boolean
}

/**
 * A `.dockerignore` matcher with Docker's rules (moby/patternmatcher): `*`, `?`, `[...]`, `**`,
 * `!` exceptions, the last matching rule wins, and a rule that matches a directory matches
 * everything under it.
 */
export class DockerIgnore {
  private constructor(private readonly rules: IgnoreRule[]) {}

  static parse(text: string): DockerIgnore {
    const rules: IgnoreRule[] = []
    for (const raw of text.split(/\r?\n/)) {
      let line = raw.trim()
      if (!line || line.startsWith('#')) continue
      const negate = line.startsWith('!')
      if (negate) line = line.slice(1).trim()
      const pattern = posix.normalize(line).replace(/^\/+/, '').replace(/\/+$/, '')
      if (!pattern || pattern === '.') continue
      rules.push({ regex: toRegex(pattern), negate })
    }
    return new DockerIgnore(rules)
  }

  get hasExceptions(): boolean {
    return this.rules.some((r) => r.negate)
  }

  /** True when `path` (relative, `/`-separated) is left out of the build context. */
  ignores(path: string): boolean {
    const parents = parentChain(path)
    let ignored = false
    for (const rule of this.rules) {
      if (parents.some((p) => rule.regex.test(p))) ignored = !rule.negate
    }
    return ignored
  }
}

/** `a/b/c` → [`a/b/c`, `a/b`, `a`]. */
function parentChain(path: string): string[] {
  const parts = path.split('/')
  return parts.map((_, i) => parts.slice(0, parts.length - i).join('/'))
}

function toRegex(pattern: string): RegExp {
  let out = ''
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string
    if (ch === '*' && pattern[i + 1] === '*') {
      // `**/` matches zero or more directories; a trailing `**` matches everything below
      if (pattern[i + 2] === '/') {
        out += '(?:.*/)?'
        i += 2
      } else {
        out += '.*'
        i += 1
      }
    } else if (ch === '*') out += '[^/]*'
    else if (ch === '?') out += '[^/]'
    else if (ch === '[') {
      const end = pattern.indexOf(']', i + 1)
      if (end === -1) out += '\\['
      else {
        out += `[${pattern
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`
        i = end
      }
    } else if (ch === '\\' && i + 1 < pattern.length) {
      out += escapeChar(pattern[i + 1] as string)
      i += 1
    } else out += escapeChar(ch)
  }
  return new RegExp(`^${out}$`)
}

function escapeChar(ch: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(ch) ? `\\${ch}` : ch
}
