import { posix } from 'node:path'
import type Docker from 'dockerode'
import type { DockerSession } from './docker-session.ts'
import { readTarEntries } from './tar-entries.ts'
import { runThrowaway } from './throwaway-container.ts'

/** Largest file `readFile` returns whole; longer ones are cut. */
export const READ_FILE_CAP_BYTES = 4 * 1024 * 1024
const DEFAULT_MAX_RESULTS = 1000

/**
 * Looks at the files of a built image: `find` through the image's own shell in a throwaway
 * container, or, for an image without a shell, the engine's archive API on a created (never started)
 * container.
 */
export class ImageFiles {
  private inspector: Promise<Docker.Container> | undefined

  constructor(
    private readonly session: DockerSession,
    private readonly imageRef: string,
  ) {}

  /** Absolute paths that start with one of `prefixes` (plain strings, no globs), sorted. */
  async findFiles(prefixes: string[], options: { maxResults?: number } = {}): Promise<string[]> {
    const maxResults = options.maxResults ?? DEFAULT_MAX_RESULTS
    const wanted = prefixes.map(absolute)
    if (wanted.length === 0) return []
    const registry = await this.session.registry()
    // 127 (no shell, or no find in it) falls back to the archive API
    const script = `command -v find >/dev/null || exit 127; ${wanted.map(findCommand).join('; ')}; exit 0`
    const found = await runThrowaway(registry, this.imageRef, ['/bin/sh', '-c', script], {
      user: '0',
      capAdd: ['DAC_READ_SEARCH'],
      timeoutMs: 30_000,
    })
    const paths =
      found.exitCode === 127
        ? await this.listArchive([...new Set(wanted.map(searchRoot))], wanted, maxResults)
        : found.stdout.split('\n')
    const matches = [...new Set(paths.filter((p) => p && wanted.some((w) => p.startsWith(w))))]
    return matches.sort().slice(0, maxResults)
  }

  /** The file's text (following symlinks in the image), or undefined when there is no such file. */
  async readFile(path: string): Promise<string | undefined> {
    let target = absolute(path)
    for (let hop = 0; hop < 8; hop++) {
      const entry = await this.archiveEntry(target)
      if (!entry) return undefined
      if (entry.type === 'file') return entry.content.toString('utf8')
      if (entry.type !== 'symlink') return undefined
      target = posix.resolve(posix.dirname(target), entry.linkname)
    }
    return undefined
  }

  private async archiveEntry(path: string) {
    const archive = await this.archive(path)
    if (!archive) return undefined
    let found: { type: string; linkname: string; content: Buffer } | undefined
    await readTarEntries(
      archive,
      (header, content) => {
        found = { type: header.type, linkname: header.linkname, content: content ?? Buffer.alloc(0) }
        return false
      },
      READ_FILE_CAP_BYTES,
    )
    archive.destroy?.()
    return found
  }

  /** Paths under `roots` from the archive API (slower: the archive carries the files' content). */
  private async listArchive(roots: string[], wanted: string[], maxResults: number): Promise<string[]> {
    const out: string[] = []
    for (const root of roots) {
      const archive = await this.archive(root)
      if (!archive) continue
      // the archive names entries relative to the parent of `root`
      const parent = posix.dirname(root)
      await readTarEntries(archive, (header) => {
        const path = posix.join(parent, header.name).replace(/\/$/, '')
        if (wanted.some((w) => path.startsWith(w))) out.push(path)
        return out.length < maxResults
      })
      archive.destroy?.()
    }
    return out
  }

  private async archive(path: string): Promise<(AsyncIterable<Buffer> & { destroy?(): void }) | undefined> {
    const container = await this.inspectorContainer()
    try {
      return (await container.getArchive({ path })) as unknown as AsyncIterable<Buffer> & { destroy?(): void }
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return undefined
      throw error
    }
  }

  /** A container of the image that is created, never started: the archive API reads its filesystem. */
  private inspectorContainer(): Promise<Docker.Container> {
    this.inspector ??= this.session.registry().then((registry) =>
      registry.createContainer({
        Image: this.imageRef,
        Entrypoint: ['/nonexistent'],
        Cmd: [],
        NetworkDisabled: true,
        HostConfig: { NetworkMode: 'none', CapDrop: ['ALL'], SecurityOpt: ['no-new-privileges'] },
      }),
    )
    return this.inspector
  }
}

function absolute(path: string): string {
  if (!path.startsWith('/')) throw new TypeError(`image paths must be absolute, got "${path}"`)
  return path
}

/** `find` below the prefix's folder, printing what starts with the prefix, skipping the kernel's trees. */
function findCommand(prefix: string): string {
  const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`
  return `find ${shellQuote(searchRoot(prefix))} \\( -path /proc -o -path /sys -o -path /dev \\) -prune -o -path ${shellQuote(pattern)} -print 2>/dev/null`
}

/** The directory `find` starts from for a prefix: the prefix itself when it names a folder. */
function searchRoot(prefix: string): string {
  if (prefix.endsWith('/')) return prefix.length > 1 ? prefix.slice(0, -1) : '/'
  return posix.dirname(prefix)
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`
}
