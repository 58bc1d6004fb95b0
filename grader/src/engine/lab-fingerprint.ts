import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { lstat, readdir, readFile, readlink } from 'node:fs/promises'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { promisify } from 'node:util'
import type { ProjectPaths } from './project-paths.ts'

/** The file a lab's verification record is kept in, in its suite folder (never in the learner's clone). */
export const RECORD_FILE = 'verified.json'

/** In a lab's own folder: a learner's work and submission bundles, never part of what the lab is. */
const LEARNER_NAMES = (name: string) =>
  name === 'workspace' || name.startsWith('workspace.starting-') || name.endsWith('.bundle')

/**
 * Imports and file URLs that TypeScript code of the repository uses: `from './x.ts'`, `import('../y.ts')`,
 * `import './z.ts'`, `from '@backend-labs/kit'`, and `new URL('./starter/', import.meta.url)`.
 */
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"]((?:\.{1,2}\/|@backend-labs\/)[^'"]+)['"]/g
const FILE_URL = /\bnew URL\(\s*['"](\.{1,2}\/[^'"]*)['"]\s*,\s*import\.meta\.url\s*\)/g

export interface LabFingerprint {
  /** sha256 over every file below, name and content. */
  hash: string
  /**
   * Each file's sha256 by repository-relative name (`<suites>/…` for the hidden suites' folder): the
   * lab's folder, its suite, what their code imports, and the dependency lockfile.
   */
  files: Record<string, string>
}

const run = promisify(execFile)

/**
 * The files of a folder that belong to the course: those git tracks or would track (ignored files,
 * such as notes or logs, are left out, so a clone in CI sees the same list). Outside a git work tree
 * (or in a folder it ignores), every file below it.
 */
async function folderFiles(dir: string, skip: (name: string) => boolean): Promise<string[]> {
  try {
    const { stdout } = await run(
      'git',
      ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', '.'],
      {
        cwd: dir,
        maxBuffer: 64 * 1024 * 1024,
      },
    )
    const listed = stdout.split('\0').filter((f) => f && !skip(f.split('/')[0] as string))
    // a folder git ignores altogether (a scratch copy of the suites) is read as it is
    if (listed.length > 0) return listed.map((f) => join(dir, f))
  } catch {
    // not in a git work tree
  }
  const out: string[] = []
  await walk(dir, out, skip)
  return out
}

async function walk(
  dir: string,
  out: string[],
  skip: (name: string) => boolean = () => false,
): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
  for (const entry of entries) {
    if (skip(entry.name) || entry.name === 'node_modules' || entry.name === '.git') continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) await walk(path, out)
    else out.push(path)
  }
}

/** A file's content hash; a symbolic link hashes as its target's name (what git stores). */
async function contentHash(path: string): Promise<string> {
  const info = await lstat(path).catch(() => undefined)
  const content = !info
    ? '(missing)'
    : info.isSymbolicLink()
      ? `symlink:${await readlink(path)}`
      : await readFile(path).catch(() => '(unreadable)')
  return createHash('sha256').update(content).digest('hex')
}

/**
 * What a lab's verdicts depend on, as one hash: every file of the lab's folder and of its hidden
 * suite, the repository code those TypeScript files use (followed through imports and
 * `new URL(…, import.meta.url)`: other labs' helpers, whole `@backend-labs/*` packages), and the
 * lockfile. Not in it: the grader's engine and services, and images from outside (base images): a
 * change there is caught only as far as grading the solution, alternatives and starter shows it.
 */
export async function labFingerprint(labId: string, paths: ProjectPaths): Promise<LabFingerprint> {
  const root = resolve(paths.root)
  // hidden suites may live outside the repository (LABS_SUITES_DIR): named from their own folder
  const suites = resolve(paths.suitesDir)
  const within = (dir: string, path: string) => path.startsWith(`${dir}${sep}`)
  const inCourse = (path: string) =>
    (within(root, path) || within(suites, path)) && !path.split(sep).includes('node_modules')
  const name = (path: string) =>
    within(suites, path)
      ? `<suites>/${relative(suites, path).split(sep).join('/')}`
      : relative(root, path).split(sep).join('/')
  const files = new Set<string>()
  const queue: string[] = []
  const add = (path: string) => {
    if (files.has(path) || !inCourse(path)) return
    files.add(path)
    if (path.endsWith('.ts')) queue.push(path)
  }
  const suiteDir = resolve(paths.suiteDir(labId))
  for (const f of await folderFiles(resolve(paths.labDir(labId)), LEARNER_NAMES)) add(f)
  for (const f of await folderFiles(suiteDir, (n) => n === RECORD_FILE)) add(f)
  add(join(root, 'pnpm-lock.yaml'))
  const packagesSeen = new Set<string>()
  while (queue.length > 0) {
    const file = queue.pop() as string
    // a solution imports files its starter provides: those are hashed with the starter
    const text = await readFile(file, 'utf8').catch(() => '')
    for (const match of text.matchAll(IMPORT)) {
      const spec = match[1] as string
      if (!spec.startsWith('@backend-labs/')) {
        add(resolve(dirname(file), spec))
        continue
      }
      const pkg = spec.slice('@backend-labs/'.length).split('/')[0] as string
      if (packagesSeen.has(pkg)) continue
      packagesSeen.add(pkg)
      const found: string[] = []
      await walk(join(root, 'packages', pkg, 'src'), found)
      for (const f of found) if (!f.endsWith('.test.ts')) add(f)
      add(join(root, 'packages', pkg, 'package.json'))
    }
    for (const match of text.matchAll(FILE_URL)) {
      const target = resolve(dirname(file), match[1] as string)
      const info = await lstat(target).catch(() => undefined)
      if (info?.isDirectory()) {
        const found: string[] = []
        await walk(target, found)
        for (const f of found) add(f)
      } else add(target)
    }
  }
  const named = [...files]
    .map((path) => ({ path, name: name(path) }))
    .sort((a, b) => (a.name < b.name ? -1 : 1))
  const hashes: Record<string, string> = {}
  const hash = createHash('sha256')
  for (const { path, name } of named) {
    hashes[name] = await contentHash(path)
    hash.update(name).update('\0').update(hashes[name]).update('\0')
  }
  return { hash: hash.digest('hex'), files: hashes }
}

/** The names of the files that differ between two fingerprints (added, removed or changed). */
export function changedFiles(was: Record<string, string>, now: Record<string, string>): string[] {
  const names = new Set([...Object.keys(was), ...Object.keys(now)])
  return [...names].filter((n) => was[n] !== now[n]).sort()
}
