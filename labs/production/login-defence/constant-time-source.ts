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

const USES: { how: string; pattern: RegExp }[] = [
  { how: 'crypto.timingSafeEqual', pattern: /\btimingSafeEqual\s*\(/ },
  { how: "argon2's verify", pattern: /from\s+['"](argon2|@node-rs\/argon2)['"][\s\S]*\bverify\s*\(/ },
]

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
    const code = withoutComments(await readFile(path, 'utf8'))
    for (const use of USES) {
      const match = use.pattern.exec(code)
      if (!match) continue
      const line = code.slice(0, match.index).split('\n').length
      return { file: relative(submissionDir, path), line, how: use.how }
    }
  }
  return undefined
}
