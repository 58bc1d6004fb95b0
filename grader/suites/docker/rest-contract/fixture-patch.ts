import { cp, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { InternalError } from '@backend-labs/lab-kit'

/**
 * A fixture step: replaces `from` with `to` in one file of a staged workspace. It throws when `from`
 * is not there, so a fixture cannot silently stop breaking what it claims to break.
 */
export function patchFile(path: string, from: string, to: string): (dir: string) => Promise<void> {
  return async (dir) => {
    const file = join(dir, path)
    const text = await readFile(file, 'utf8')
    if (!text.includes(from))
      throw new InternalError(`fixture patch: ${path} no longer contains ${JSON.stringify(from)}`)
    await writeFile(file, text.replace(from, to))
  }
}

/** Runs several patches in order. */
export function patches(...steps: ((dir: string) => Promise<void>)[]): (dir: string) => Promise<void> {
  return async (dir) => {
    for (const step of steps) await step(dir)
  }
}

/** A fixture step: copies the files of `source` (an absolute folder) over the staged workspace. */
export function copyOver(source: URL): (dir: string) => Promise<void> {
  return (dir) => cp(fileURLToPath(source), dir, { recursive: true })
}
