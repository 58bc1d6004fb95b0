import { readdir, readFile, stat } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { packTar, type TarEntry } from '@backend-labs/containers'

/**
 * A tar of the folder `dir` under the name `as`, for `putArchive`. Entries are owned by root (uid 0),
 * so the server, which runs as root without CAP_DAC_OVERRIDE, can write to the repository.
 */
export async function tarFolder(dir: string, as: string): Promise<Buffer> {
  const entries: TarEntry[] = [{ name: as, type: 'directory' }]
  const paths = (await readdir(dir, { recursive: true })).sort()
  for (const path of paths) {
    const full = join(dir, path)
    const info = await stat(full)
    const name = `${as}/${relative(dir, full).split(sep).join('/')}`
    if (info.isDirectory()) entries.push({ name, type: 'directory', mode: 0o755 })
    else if (info.isFile())
      entries.push({ name, type: 'file', mode: info.mode & 0o777, data: await readFile(full) })
  }
  return packTar(entries)
}
