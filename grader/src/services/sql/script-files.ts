import { readFile } from 'node:fs/promises'
import { isAbsolute, join, normalize } from 'node:path'
import { fail } from '@backend-labs/lab-kit'
import { type ScriptFile, splitBatches } from '@backend-labs/sql-kit'

/**
 * Reads the learner's scripts from the staged submission, in the order given. A missing or empty
 * script is the learner's mistake and fails the check with what the lab expects there.
 */
export async function readScriptFiles(dir: string, files: readonly string[]): Promise<ScriptFile[]> {
  const scripts: ScriptFile[] = []
  for (const file of files) {
    const text = await readScript(dir, file, files)
    if (isBlank(text))
      fail({
        expected: `${whatGoesIn(file)} in ${file}`,
        found: 'an empty script (nothing but comments and blank lines)',
        where: `${file}:1`,
        hint: `${file} is empty: write your ${whatGoesIn(file)} there`,
      })
    scripts.push({ file, text })
  }
  return scripts
}

async function readScript(dir: string, file: string, all: readonly string[]): Promise<string> {
  const relative = normalize(file)
  // Paths come from the lab's own checks; a path out of the submission is a bug in the lab.
  if (isAbsolute(relative) || relative.startsWith('..'))
    throw new Error(`ctx.sql: "${file}" is not a path inside the submission`)
  let bytes: Buffer
  try {
    bytes = await readFile(join(dir, relative))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    fail({
      expected: `a file ${file} in your submission (this lab runs ${all.join(', then ')})`,
      found: `no ${file}`,
      hint: `create ${file} in your workspace; if you renamed it, give it its name back`,
    })
  }
  return decode(bytes)
}

/** SSMS saves scripts as UTF-8 with a BOM, or as UTF-16 LE ("Unicode"); both are read as text. */
export function decode(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le')
  const text = bytes.toString('utf8')
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

/** Nothing but whitespace, comments and GO separators (an unterminated comment is a syntax error instead). */
function isBlank(text: string): boolean {
  const { batches, issues } = splitBatches(text)
  return batches.length === 0 && issues.length === 0
}

function whatGoesIn(file: string): string {
  const name = file.toLowerCase()
  if (/schema|ddl|create|table/.test(name)) return 'CREATE TABLE statements'
  if (/load|seed|data|insert/.test(name)) return 'INSERT statements'
  if (/migrat/.test(name)) return 'migration statements'
  return 'SQL statements'
}
