import { createHash } from 'node:crypto'
import { lstat, readdir, readFile, readlink } from 'node:fs/promises'
import { join } from 'node:path'
import { CheckFailure } from '@backend-labs/lab-kit'
import { DockerIgnore } from './dockerignore.ts'
import { packTar, type TarEntry } from './tar-pack.ts'

export const DEFAULT_CONTEXT_LIMIT_BYTES = 50 * 1024 * 1024

export interface BuildContext {
  tar: Buffer
  /** sha256 of the packed context (fixed mtimes, sorted entries): same files, same hash. */
  hash: string
  sizeBytes: number
  fileCount: number
}

interface Walked {
  entries: TarEntry[]
  paths: { path: string; sizeBytes: number; fullPath: string; type: TarEntry['type'] }[]
}

/**
 * Packs `dir` as a build context with `.dockerignore` applied, except that the Dockerfile is always
 * included (dockerode's own packer drops it when `.dockerignore` lists it: "Cannot locate specified
 * Dockerfile"). `extra` entries (a rewritten Dockerfile, the proxy CA) replace or add files.
 */
export async function packBuildContext(
  dir: string,
  options: { dockerfile?: string; limitBytes?: number; extra?: TarEntry[] } = {},
): Promise<BuildContext> {
  const dockerfile = options.dockerfile ?? 'Dockerfile'
  const ignoreText = await readFile(join(dir, '.dockerignore'), 'utf8').catch(() => '')
  const ignore = DockerIgnore.parse(ignoreText)
  const walked: Walked = { entries: [], paths: [] }
  await walk(dir, '', ignore, new Set([dockerfile, '.dockerignore']), walked)

  const sizeBytes = walked.paths.reduce((sum, p) => sum + p.sizeBytes, 0)
  const limitBytes = options.limitBytes ?? DEFAULT_CONTEXT_LIMIT_BYTES
  if (sizeBytes > limitBytes) throw contextTooLarge(walked, sizeBytes, limitBytes)

  const replaced = new Set((options.extra ?? []).map((e) => e.name))
  const entries: TarEntry[] = []
  for (const entry of walked.entries) {
    if (replaced.has(entry.name)) continue
    const source = walked.paths.find((p) => p.path === entry.name)
    if (entry.type === 'file' && source) entries.push({ ...entry, data: await readFile(source.fullPath) })
    else entries.push(entry)
  }
  entries.push(...(options.extra ?? []))
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const tar = packTar(entries)
  return {
    tar,
    hash: createHash('sha256').update(tar).digest('hex'),
    sizeBytes,
    fileCount: walked.paths.length,
  }
}

async function walk(root: string, rel: string, ignore: DockerIgnore, always: Set<string>, out: Walked) {
  const names = (await readdir(join(root, rel))).sort()
  for (const name of names) {
    const path = rel ? `${rel}/${name}` : name
    const fullPath = join(root, path)
    const stat = await lstat(fullPath)
    const ignored = ignore.ignores(path) && !always.has(path)
    if (stat.isDirectory()) {
      // an ignored directory may still hold a re-included file (`!dir/keep`), so only skip when none can
      if (ignored && !ignore.hasExceptions) continue
      if (!ignored) out.entries.push({ name: path, type: 'directory', mode: stat.mode & 0o7777 })
      await walk(root, path, ignore, always, out)
    } else if (!ignored && stat.isSymbolicLink()) {
      out.entries.push({ name: path, type: 'symlink', linkname: await readlink(fullPath) })
      out.paths.push({ path, sizeBytes: 0, fullPath, type: 'symlink' })
    } else if (!ignored && stat.isFile()) {
      out.entries.push({ name: path, type: 'file', mode: stat.mode & 0o7777 })
      out.paths.push({ path, sizeBytes: stat.size, fullPath, type: 'file' })
    }
  }
}

function contextTooLarge(walked: Walked, sizeBytes: number, limitBytes: number): CheckFailure {
  const byTop = new Map<string, number>()
  for (const p of walked.paths) {
    const slash = p.path.indexOf('/')
    const top = slash === -1 ? p.path : `${p.path.slice(0, slash)}/`
    byTop.set(top, (byTop.get(top) ?? 0) + p.sizeBytes)
  }
  const largest = [...byTop.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([name, bytes]) => `${name} (${formatBytes(bytes)})`)
  const suggestion = largest[0]?.[0] ? largest[0].split(' ')[0] : 'node_modules/'
  const biggestFiles = walked.paths
    .filter((p) => p.type === 'file')
    .sort((a, b) => b.sizeBytes - a.sizeBytes)
    .slice(0, 3)
    .map((p) => `${p.path} (${formatBytes(p.sizeBytes)})`)
  return new CheckFailure({
    expected: `a Docker build context under ${formatBytes(limitBytes)}`,
    found: `${formatBytes(sizeBytes)}; the largest entries are ${largest.join(', ')}`,
    where: 'the build context (the folder that holds your Dockerfile)',
    hint: `The biggest files are ${biggestFiles.join(', ')}. List what the image does not need in .dockerignore (for example \`${suggestion}\`), so it is not sent to Docker.`,
  })
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${bytes} B`
}
