import { readdir, readFile, stat } from 'node:fs/promises'
import { join, relative } from 'node:path'

const SOURCE = /\.(ts|mts|cts|js|mjs|cjs)$/
const MAX_FILES = 200
const MAX_FILE_BYTES = 1024 * 1024

/** Where the submission's code compares in constant time, found by reading it (never by running it). */
export interface ConstantTimeUse {
  file: string
  line: number
  how: string
}

/** Comments blanked out (line breaks kept, so line numbers stay right): a call in a comment is no call. */
function withoutComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1')
}

const blank = (m: string) => m[0] + m.slice(1, -1).replace(/[^\n]/g, ' ') + m[0]

/** Template literals blanked (a line of one is never an import; import specifiers are quoted). */
function withoutTemplates(text: string): string {
  return text.replace(/`(?:\\[\s\S]|[^\\`])*`/g, blank)
}

/** String literals blanked (quotes kept, line breaks kept): a name in a string is no call. */
function withoutStrings(text: string): string {
  return withoutTemplates(text).replace(/(['"])(?:\\.|(?!\1)[^\\\n])*\1/g, blank)
}

/** A constant-time comparison: the module that provides it and the name it exports. */
const USES: { how: string; module: string; name: string }[] = [
  { how: 'crypto.timingSafeEqual', module: '(?:node:)?crypto', name: 'timingSafeEqual' },
  { how: "argon2's verify", module: 'argon2|@node-rs/argon2', name: 'verify' },
]

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The local names `name` is bound to by imports of `module` in a file, and the module's own names. */
function bindings(imports: string, module: string, name: string): { direct: string[]; namespaces: string[] } {
  const from = String.raw`\s*from\s*['"](?:${module})['"]`
  const required = String.raw`\s*=\s*require\(\s*['"](?:${module})['"]\s*\)`
  const direct: string[] = []
  const namespaces: string[] = []
  const named = (list: string, separator: 'as' | ':') => {
    for (const part of list.split(',')) {
      const [imported, local] = part.split(separator === 'as' ? /\s+as\s+/ : /\s*:\s*/).map((p) => p.trim())
      if (imported === name) direct.push(local || imported)
    }
  }
  for (const m of imports.matchAll(
    new RegExp(String.raw`^\s*import\s+(?:(\w+)\s*,\s*)?\{([^}]*)\}${from}`, 'gm'),
  )) {
    if (m[1]) namespaces.push(m[1])
    named(m[2] ?? '', 'as')
  }
  for (const m of imports.matchAll(new RegExp(String.raw`^\s*import\s+(?:\*\s+as\s+)?(\w+)${from}`, 'gm')))
    if (m[1]) namespaces.push(m[1])
  for (const m of imports.matchAll(new RegExp(String.raw`^\s*(?:const|let|var)\s+(\w+)${required}`, 'gm')))
    if (m[1]) namespaces.push(m[1])
  for (const m of imports.matchAll(
    new RegExp(String.raw`^\s*(?:const|let|var)\s*\{([^}]*)\}${required}`, 'gm'),
  ))
    named(m[1] ?? '', ':')
  return { direct, namespaces }
}

/**
 * Where a file calls a constant-time comparison it imported: the imported name (unless the file
 * defines one of its own by that name) or the module's namespace, outside comments and strings.
 */
function findCall(imports: string, code: string): { index: number; how: string } | undefined {
  for (const use of USES) {
    const { direct, namespaces } = bindings(imports, use.module, use.name)
    const patterns = [
      ...direct
        .filter(
          (local) =>
            !new RegExp(
              String.raw`\bfunction\s+${escapeRegExp(local)}\b|\b(?:const|let|var)\s+${escapeRegExp(local)}\s*=`,
            ).test(code),
        )
        .map((local) => String.raw`(?<![.\w$])${escapeRegExp(local)}\s*\(`),
      ...namespaces.map((ns) => String.raw`(?<![.\w$])${escapeRegExp(ns)}\s*\.\s*${use.name}\s*\(`),
    ]
    for (const pattern of patterns) {
      const match = new RegExp(pattern).exec(code)
      if (match) return { index: match.index, how: use.how }
    }
  }
  return undefined
}

async function sourceFiles(dir: string, found: string[] = []): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
  for (const entry of entries) {
    if (found.length >= MAX_FILES) break
    const path = join(dir, entry.name)
    if (entry.isDirectory() && entry.name !== 'node_modules') await sourceFiles(path, found)
    else if (entry.isFile() && SOURCE.test(entry.name)) found.push(path)
  }
  return found
}

/** The first constant-time comparison in `src/` of the staged submission, if any. */
export async function findConstantTimeUse(submissionDir: string): Promise<ConstantTimeUse | undefined> {
  for (const path of await sourceFiles(join(submissionDir, 'src'))) {
    if ((await stat(path)).size > MAX_FILE_BYTES) continue
    const text = await readFile(path, 'utf8')
    const call = findCall(withoutComments(withoutTemplates(text)), withoutComments(withoutStrings(text)))
    if (!call) continue
    const line = text.slice(0, call.index).split('\n').length
    return { file: relative(submissionDir, path), line, how: call.how }
  }
  return undefined
}
