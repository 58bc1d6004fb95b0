import { lstat, open, readdir, realpath } from 'node:fs/promises'
import { join, sep } from 'node:path'
import { BadInputError } from '@backend-labs/lab-kit'
import picomatch from 'picomatch'
import { expectsText, megabytes, type StagingLimits } from './staging-limits.ts'

/** What staging found in a submission folder: files to copy, and links left out. */
export interface SubmissionFiles {
  files: { path: string; bytes: number }[]
  /** Links inside the folder: never followed or copied, each named in a notice. */
  links: string[]
}

const SKIPPED_DIRS = new Set(['node_modules', '.git'])

/** Reads at most `bytes` bytes from the start of a file (never the whole file). */
export async function readHead(path: string, bytes: number): Promise<Buffer> {
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(bytes)
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}

/**
 * Walks a submission folder, bounded, and picks the files the lab's globs match. Rejects (bad input)
 * links that point outside the folder, too many files, files or totals over the limits, and binary
 * content where the lab expects text. Links inside the folder are left out with a notice.
 */
export async function collectSubmissionFiles(
  root: string,
  display: string,
  globs: { include: string[]; exclude: string[] },
  limits: StagingLimits,
): Promise<SubmissionFiles> {
  const included = picomatch(globs.include, { dot: true })
  const excluded = picomatch(globs.exclude.length ? globs.exclude : ['\0'], { dot: true })
  const realRoot = await realpath(root)
  const result: SubmissionFiles = { files: [], links: [] }
  let walked = 0
  let total = 0
  const pending = ['']
  while (pending.length) {
    const dir = pending.pop()!
    for (const entry of await readdir(join(root, dir), { withFileTypes: true })) {
      if (++walked > limits.maxEntriesWalked)
        throw new BadInputError(
          `${display} holds more than ${limits.maxEntriesWalked} files and folders`,
          'submit only the files the lab asks for (see the lab README); leave build output and dependencies out',
        )
      const rel = dir ? `${dir}/${entry.name}` : entry.name
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) pending.push(rel)
        continue
      }
      if (!included(rel) || excluded(rel)) continue
      if (entry.isSymbolicLink()) {
        const target = await realpath(join(root, rel)).catch(() => undefined)
        if (target === undefined || (target !== realRoot && !target.startsWith(realRoot + sep)))
          throw new BadInputError(
            `${display}/${rel} is a symbolic link to a place outside the lab folder`,
            'replace the link with the file itself: links are never followed when grading',
          )
        result.links.push(rel)
        continue
      }
      if (!entry.isFile()) continue
      const { size } = await lstat(join(root, rel))
      if (size > limits.maxFileBytes)
        throw new BadInputError(
          `${display}/${rel} is ${megabytes(size)}, over the limit of ${megabytes(limits.maxFileBytes)} for one file`,
          'submit source files only; generated data and build output do not belong in a submission',
        )
      total += size
      result.files.push({ path: rel, bytes: size })
    }
  }
  result.files.sort((a, b) => a.path.localeCompare(b.path))
  result.links.sort()
  if (result.files.length > limits.maxFiles)
    throw new BadInputError(
      `${display} has ${result.files.length} files to grade, over the limit of ${limits.maxFiles}`,
      'submit only the files the lab asks for (see the lab README)',
    )
  if (total > limits.maxTotalBytes) {
    const biggest = [...result.files].sort((a, b) => b.bytes - a.bytes).slice(0, 3)
    throw new BadInputError(
      `${display} holds ${megabytes(total)} of files to grade, over the limit of ${megabytes(limits.maxTotalBytes)}`,
      `the biggest: ${biggest.map((f) => `${f.path} (${megabytes(f.bytes)})`).join(', ')}`,
    )
  }
  for (const file of result.files) {
    if (!expectsText(file.path)) continue
    const head = await readHead(join(root, file.path), 8192)
    if (head.includes(0))
      throw new BadInputError(
        `${display}/${file.path} is a binary file, where the lab expects text`,
        'save it as plain text (UTF-8); check that the editor did not write another encoding',
      )
  }
  return result
}
