import { createHash } from 'node:crypto'
import { appendFile, cp, mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { extname, isAbsolute, join, normalize, sep } from 'node:path'
import { buildLearnerImage } from '@backend-labs/containers'
import type { RebuildReport } from '@backend-labs/http-kit'
import { CheckFailure } from '@backend-labs/lab-kit'
import { allCached, parseBuildSteps, stageHeads } from './build-steps.ts'
import type { DockerSession } from './docker-session.ts'

const LINE_COMMENT: Record<string, string> = {
  '.js': '//',
  '.mjs': '//',
  '.cjs': '//',
  '.ts': '//',
  '.mts': '//',
  '.cts': '//',
  '.jsx': '//',
  '.tsx': '//',
  '.sql': '--',
}

/**
 * What is appended to a touched file: a comment in its language, naming the run, so no earlier
 * run's build cache can serve the touched file (JSON has no comments: trailing blanks, as many as
 * the run's nonce says).
 */
export function touchText(path: string, nonce: string): string {
  const ext = extname(path).toLowerCase()
  if (ext === '.json')
    return `\n${' '.repeat(1 + (Number.parseInt(createHash('sha256').update(nonce).digest('hex').slice(0, 6), 16) % 4096))}`
  return `\n${LINE_COMMENT[ext] ?? '#'} touched by the grader (${nonce})\n`
}

/**
 * Copies the staged context, appends a comment to `path`, and rebuilds with the classic builder to
 * see which steps the build cache served. When the original image came from an earlier grade, its
 * other stages' cache may be gone (`docker image prune`), so it is first built again for real under
 * another name. The images this makes are removed with the run, their dangling stages too.
 */
export async function rebuildAfterTouch(
  session: DockerSession,
  contextDir: string,
  labId: string,
  path: string,
  /**
   * The image built from the untouched context, whether it came from an earlier grade, and the
   * output of its build (empty when it did).
   */
  original: { id: string; ref: string; fromEarlierGrade: boolean; output: string },
): Promise<RebuildReport> {
  const relative = normalize(path)
  if (isAbsolute(relative) || relative === '..' || relative.startsWith(`..${sep}`))
    throw new TypeError(`rebuildAfterTouch needs a path inside the submission, got "${path}"`)
  const isFile = await stat(join(contextDir, relative)).then(
    (s) => s.isFile(),
    () => false,
  )
  if (!isFile)
    throw new CheckFailure({
      expected: `a file ${path} in your submission`,
      found: 'none',
      where: path,
      hint: 'The lab names the files the image is built from; keep them at those paths.',
    })
  const registry = await session.registry()
  const network = await session.buildSettings()
  const build = (dir: string, id: string, cacheFrom?: string[]) =>
    buildLearnerImage(registry.docker, {
      contextDir: dir,
      labId: id,
      labels: registry.labels,
      ...network,
      ...(cacheFrom ? { cacheFrom } : {}),
    })
  // The rebuild below is measured against the original build's own layers only: its final image and
  // the last image of each earlier stage. Left to itself, the classic builder takes the newest
  // identical layer of any build, and a concurrent build of the same first steps (a batch, a
  // verify) would make it run steps again that this Dockerfile does not invalidate.
  // Without a whole output (its stage heads) the builder is left to its own choice, as before.
  const sourcesOf = (id: string, output: string) => (output ? [id, ...stageHeads(output)] : undefined)
  let sources = sourcesOf(original.id, original.output)
  if (original.fromEarlierGrade) {
    // its stages stay: they are the cache the rebuild below is measured against
    const warm = await build(contextDir, `${labId}/cache-warm-up`)
    // the warm-up's own label steps go (they carry this run's labels); its other layers are cache
    const labelSteps = warm.madeImages.filter((i) => /^LABEL org\.backend-labs\./.test(i.instruction))
    if (warm.id !== original.id)
      session.discardAtEnd([...new Set([warm.id, ...labelSteps.map((i) => i.id).reverse()])])
    sources = sourcesOf(warm.id, warm.outputTruncated ? '' : warm.output)
  }
  const copy = await mkdtemp(join(tmpdir(), 'backend-labs-touch-'))
  try {
    await cp(contextDir, copy, { recursive: true, verbatimSymlinks: true })
    await appendFile(join(copy, relative), touchText(relative, registry.runId))
    const dockerfile = await readFile(join(copy, 'Dockerfile'), 'utf8')
    const built = await build(copy, labId, sources)
    // exactly what this build made, each alone: the touched layers are of no use to anyone else
    if (built.id !== original.id)
      session.discardAtEnd([...new Set([built.id, ...built.madeImages.map((i) => i.id).reverse()])])
    // the file is not part of the build context (.dockerignore): nothing changed, all is cache
    if (built.ref === original.ref || built.cached) return allCached(dockerfile)
    return parseBuildSteps(built.output, dockerfile)
  } finally {
    await rm(copy, { recursive: true, force: true })
  }
}
