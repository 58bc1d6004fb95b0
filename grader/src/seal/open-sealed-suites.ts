import { existsSync } from 'node:fs'
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { holdUntilExit } from '../engine/process-resources.ts'
import { ProjectPaths } from '../engine/project-paths.ts'
import { sealKeyFromEnv } from './seal-key.ts'
import { openSealedFiles, readSealedHeader, type SealedHeader } from './sealed-bundle.ts'

/** Where a course's sealed bundle lives: grader/suites.sealed, or LABS_SEALED_SUITES. */
export function sealedBundlePath(paths: ProjectPaths, env: NodeJS.ProcessEnv = process.env): string {
  return env.LABS_SEALED_SUITES ?? join(paths.root, 'grader', 'suites.sealed')
}

/** Hidden suites opened from a sealed bundle: a private folder, removed by `release()` or at exit. */
export interface OpenedSuites {
  dir: string
  header: SealedHeader
  release(): Promise<void>
}

const UNSEALED = /^\.unsealed-(\d+)-/

/**
 * Decrypts the sealed bundle into a private folder beside `grader/suites` (same depth, so the suites'
 * relative imports of labs/ and their packages resolve as in the instructor's repository).
 * A wrong key or a changed bundle is an environment error (exit 3).
 */
export async function openSealedSuites(
  key: Buffer,
  options: { paths?: ProjectPaths; file?: string } = {},
): Promise<OpenedSuites> {
  const paths = options.paths ?? new ProjectPaths()
  const file = options.file ?? sealedBundlePath(paths)
  const { header, files } = openSealedFiles(await readFile(file, 'utf8'), key, paths.relative(file))
  const base = join(paths.root, 'grader')
  await sweepUnsealed(base)
  const dir = await mkdtemp(join(base, `.unsealed-${process.pid}-`))
  await chmod(dir, 0o700)
  const remove = () => rm(dir, { recursive: true, force: true })
  const unhold = holdUntilExit(remove)
  try {
    for (const [rel, content] of Object.entries(files)) {
      if (rel.split('/').some((part) => part === '..' || part === '')) continue
      await mkdir(dirname(join(dir, rel)), { recursive: true })
      await writeFile(join(dir, rel), content, { mode: 0o600 })
    }
  } catch (error) {
    unhold()
    await remove()
    throw error
  }
  return {
    dir,
    header,
    release: async () => {
      unhold()
      await remove()
    },
  }
}

/** Removes folders left by killed graders (their process is gone). */
async function sweepUnsealed(base: string): Promise<void> {
  for (const name of await readdir(base).catch(() => [])) {
    const pid = Number(name.match(UNSEALED)?.[1])
    if (!pid || pid === process.pid) continue
    try {
      process.kill(pid, 0)
    } catch {
      await rm(join(base, name), { recursive: true, force: true }).catch(() => {})
    }
  }
}

/** Where this run's hidden checks come from. */
export type SuiteSource =
  /** grader/suites/ in the clear (the instructor's repository). */
  | { kind: 'clear'; paths: ProjectPaths }
  /** Opened from the sealed bundle with LABS_SEAL_KEY. */
  | { kind: 'unsealed'; paths: ProjectPaths; opened: OpenedSuites }
  /** Sealed and no key: public checks only; the header tells how many hidden checks wait. */
  | { kind: 'sealed'; paths: ProjectPaths; header: SealedHeader }
  /** Neither: this copy has no hidden checks at all. */
  | { kind: 'none'; paths: ProjectPaths }

/** Picks the source of hidden checks for grading; call `releaseSuiteSource` when done. */
export async function resolveSuiteSource(
  paths: ProjectPaths,
  env: NodeJS.ProcessEnv = process.env,
): Promise<SuiteSource> {
  if (existsSync(paths.suitesDir)) return { kind: 'clear', paths }
  const file = sealedBundlePath(paths, env)
  if (!existsSync(file)) return { kind: 'none', paths }
  const key = sealKeyFromEnv(env)
  if (!key)
    return {
      kind: 'sealed',
      paths,
      header: readSealedHeader(await readFile(file, 'utf8'), paths.relative(file)),
    }
  const opened = await openSealedSuites(key, { paths, file })
  return {
    kind: 'unsealed',
    paths: new ProjectPaths({ ...env, LABS_SUITES_DIR: opened.dir }, paths.root),
    opened,
  }
}

export async function releaseSuiteSource(source: SuiteSource): Promise<void> {
  if (source.kind === 'unsealed') await source.opened.release()
}
