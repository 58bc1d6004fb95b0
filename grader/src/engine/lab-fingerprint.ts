import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { dirname, join, relative, resolve, sep } from 'node:path'
import type { ProjectPaths } from './project-paths.ts'

/** The file a lab's verification record is kept in, in its suite folder (never in the learner's clone). */
export const RECORD_FILE = 'verified.json'

/** Never part of what a lab is: a learner's work, installs, and the record itself. */
const SKIPPED_NAMES = new Set(['workspace', 'node_modules', '.git', RECORD_FILE])
const skipped = (name: string) =>
  SKIPPED_NAMES.has(name) || name.startsWith('workspace.starting-') || name.endsWith('.bundle')

/** `from './x.ts'`, `import('../y.ts')`, `import './z.ts'` and `from '@backend-labs/kit'`. */
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"]((?:\.{1,2}\/|@backend-labs\/)[^'"]+)['"]/g

export interface LabFingerprint {
  /** sha256 over every file below, path and content. */
  hash: string
  /**
   * Repository-relative paths (`<suites>/…` for the hidden suites' folder), sorted: the lab's folder,
   * its suite, and what their code imports.
   */
  files: string[]
}

async function walk(dir: string, out: string[]): Promise<void> {
  let entries: import('node:fs').Dirent[]
  try {
    entries = await readdir(dir, { withFileTypes: true })
  } catch {
    return
  }
  for (const entry of entries) {
    if (skipped(entry.name)) continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) await walk(path, out)
    else if (entry.isFile()) out.push(path)
  }
}

/**
 * What a lab's verdicts depend on, as one hash: every file of the lab's folder and of its hidden
 * suite, and, followed through their imports, the repository's code those TypeScript files use (other
 * labs' helpers, whole `@backend-labs/*` packages). The grader's engine and services are not in it:
 * a change there is caught by grading the solution and the starter, which CI always does.
 */
export async function labFingerprint(labId: string, paths: ProjectPaths): Promise<LabFingerprint> {
  const root = resolve(paths.root)
  // hidden suites may live outside the repository (LABS_SUITES_DIR): named from their own folder
  const suites = resolve(paths.suitesDir)
  const within = (dir: string, path: string) => path.startsWith(`${dir}${sep}`)
  const inRepo = (path: string) =>
    (within(root, path) || within(suites, path)) && !path.split(sep).includes('node_modules')
  const name = (path: string) =>
    within(suites, path)
      ? `<suites>/${relative(suites, path).split(sep).join('/')}`
      : relative(root, path).split(sep).join('/')
  const files = new Set<string>()
  const queue: string[] = []
  const add = (path: string) => {
    if (files.has(path) || !inRepo(path)) return
    files.add(path)
    if (path.endsWith('.ts')) queue.push(path)
  }
  for (const dir of [paths.labDir(labId), paths.suiteDir(labId)]) {
    const found: string[] = []
    await walk(dir, found)
    for (const f of found) add(f)
  }
  const packagesSeen = new Set<string>()
  while (queue.length > 0) {
    const file = queue.pop() as string
    // a solution imports files its starter provides: those are hashed with the starter
    const text = await readFile(file, 'utf8').catch(() => '')
    for (const match of text.matchAll(IMPORT)) {
      const spec = match[1] as string
      if (spec.startsWith('@backend-labs/')) {
        const name = spec.slice('@backend-labs/'.length).split('/')[0] as string
        if (packagesSeen.has(name)) continue
        packagesSeen.add(name)
        const found: string[] = []
        await walk(join(root, 'packages', name, 'src'), found)
        for (const f of found) if (!f.endsWith('.test.ts')) add(f)
        add(join(root, 'packages', name, 'package.json'))
      } else add(resolve(dirname(file), spec))
    }
  }
  const named = [...files]
    .map((path) => ({ path, name: name(path) }))
    .sort((a, b) => (a.name < b.name ? -1 : 1))
  const hash = createHash('sha256')
  for (const { path, name } of named) {
    // an import of a file that is not there hashes as missing (its lab would not load either)
    const content = await readFile(path).catch(() => Buffer.from('(missing)'))
    hash.update(name).update('\0').update(createHash('sha256').update(content).digest()).update('\0')
  }
  return { hash: hash.digest('hex'), files: named.map((n) => n.name) }
}
