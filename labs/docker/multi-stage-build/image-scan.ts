import type { BuiltImage } from '@backend-labs/http-kit'

/** npm's own folder in the base image (it holds a `typescript` docs folder of its own). */
const PRUNED = ['/proc', '/sys', '/dev', '/usr/local/lib/node_modules/npm']

/**
 * Paths in the image matching `find` tests (e.g. `-name '*.ts'`), as root, npm's own files aside.
 * The Dockerfile decides WORKDIR, so the whole filesystem is searched.
 */
export async function scanImage(image: BuiltImage, tests: string, maxResults = 20): Promise<string[]> {
  const prune = PRUNED.map((p) => `-path ${p}`).join(' -o ')
  const script = `find / -xdev \\( ${prune} \\) -prune -o \\( ${tests} \\) -print 2>/dev/null | head -n ${maxResults}`
  const result = await image.run(['sh', '-c', script], { user: '0', timeoutMs: 20_000 })
  return result.stdout.split('\n').filter((line) => line.trim() !== '')
}

/** Lists a few paths for a message: "a, b, c and 4 more". */
export function listPaths(paths: string[], shown = 4): string {
  const head = paths.slice(0, shown).join(', ')
  return paths.length > shown ? `${head} and more` : head
}
