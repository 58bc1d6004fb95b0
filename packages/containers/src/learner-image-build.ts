import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { CheckFailure, EnvironmentError } from '@backend-labs/lab-kit'
import type Docker from 'dockerode'
import { packBuildContext } from './build-context.ts'
import { BuildOutput } from './build-output.ts'
import { ContainerFailure, lastLines } from './container-failure.ts'
import { baseImages, injectAfterFrom, normalise, parseDockerfile } from './dockerfile-text.ts'
import { IMAGE_CATALOG } from './image-catalog.ts'
import { imagePresence, requireCurrentStandIn } from './image-status.ts'
import { LABEL } from './labels.ts'
import { CONTAINER_CA_PATH, type ProxyCa, resolveProxyCa } from './proxy-ca.ts'
import type { TarEntry } from './tar-pack.ts'

export interface LearnerImageBuildOptions {
  contextDir: string
  /** Lab id (`docker/first-image`): names the cached image `backend-labs/learner/<lab>:<hash>`. */
  labId: string
  dockerfile?: string
  /** Default 5 min. */
  timeoutMs?: number
  contextLimitBytes?: number
  /** Build output kept in memory; default 1 MiB. */
  outputCapBytes?: number
  buildArgs?: Record<string, string>
  labels?: Record<string, string>
  /** Memory of each RUN step; default 1 GiB. */
  memoryBytes?: number
  /** Default: {@link resolveProxyCa} (the `LABS_PROXY_CA` setting); `null` for none. */
  proxyCa?: ProxyCa | null
}

export interface LearnerImage {
  ref: string
  id: string
  /** True when an image of the same context existed and no build ran. */
  cached: boolean
  durationMs: number
  /** Build output (capped); empty when cached. */
  output: string
}

const CA_FILE_IN_CONTEXT = '.backend-labs-proxy-ca.crt'
const LOG_LINES = 30

/**
 * Builds the learner's Dockerfile with the classic builder (its plain-text stream tells which step
 * failed; BuildKit's progress is protobuf). Never pulls: every FROM image must be local.
 */
export async function buildLearnerImage(
  docker: Docker,
  options: LearnerImageBuildOptions,
): Promise<LearnerImage> {
  const started = Date.now()
  const dockerfileName = options.dockerfile ?? 'Dockerfile'
  const source = await readFile(join(options.contextDir, dockerfileName), 'utf8').catch(() => {
    throw new CheckFailure({
      expected: `a ${dockerfileName} in your submission`,
      found: 'none',
      hint: `Create ${dockerfileName} at the top of the folder you submit.`,
    })
  })
  const instructions = parseDockerfile(source)
  await requireBaseImages(docker, baseImages(instructions), dockerfileName)

  const ca = options.proxyCa === undefined ? resolveProxyCa() : (options.proxyCa ?? undefined)
  const injected = ca
    ? injectAfterFrom(source, [
        `COPY ${CA_FILE_IN_CONTEXT} ${CONTAINER_CA_PATH}`,
        ...Object.keys(ca.env).map((name) => `ARG ${name}`),
      ])
    : { text: source, toOriginalLine: (line: number) => line }
  const extra: TarEntry[] = [{ name: dockerfileName, type: 'file', data: Buffer.from(injected.text) }]
  if (ca) extra.push({ name: CA_FILE_IN_CONTEXT, type: 'file', data: ca.pem })
  const context = await packBuildContext(options.contextDir, {
    dockerfile: dockerfileName,
    limitBytes: options.contextLimitBytes,
    extra,
  })
  const buildArgs = { ...options.buildArgs, ...ca?.env }
  const tag = context.hash.slice(0, 16)
  const ref = `backend-labs/learner/${repoName(options.labId)}:${tag}`
  const existing = await imagePresence(docker, ref)
  if (existing.presence !== 'missing' && existing.id)
    return { ref, id: existing.id, cached: true, durationMs: Date.now() - started, output: '' }

  const output = new BuildOutput(options.outputCapBytes ?? 1024 * 1024)
  const timeoutMs = options.timeoutMs ?? 5 * 60_000
  const abort = new AbortController()
  const timer = setTimeout(() => abort.abort(), timeoutMs)
  try {
    const stream = await docker.buildImage(
      context.tar as unknown as NodeJS.ReadableStream,
      {
        t: ref,
        dockerfile: dockerfileName,
        buildargs: buildArgs,
        labels: { ...options.labels, [LABEL.learnerImage]: 'true', [LABEL.lab]: options.labId },
        pull: false,
        rm: true,
        forcerm: true,
        memory: options.memoryBytes ?? 1024 * 1024 * 1024,
        version: '1',
        abortSignal: abort.signal,
      } as Docker.ImageBuildOptions,
    )
    await new Promise<void>((resolve, reject) => {
      stream.on('data', (chunk: Buffer) => output.push(chunk))
      stream.on('end', () => resolve())
      stream.on('close', () => resolve())
      stream.on('error', reject)
    })
  } catch (error) {
    // a Dockerfile the daemon cannot parse is rejected with HTTP 400 before any step runs
    const e = error as { statusCode?: number; json?: { message?: string }; message?: string }
    if (e.statusCode === 400)
      output.fail(e.json?.message ?? String(e.message).replace(/^\(HTTP code 400\) \w+ - /, ''))
    else if (!abort.signal.aborted) throw error
  } finally {
    clearTimeout(timer)
    output.end()
  }
  const where = (step: string | undefined) => stepLocation(step, instructions, dockerfileName)
  if (abort.signal.aborted)
    throw new ContainerFailure(
      'build-timeout',
      {
        expected: `the image to build within ${Math.round(timeoutMs / 1000)} s`,
        found: `the build was still at \`${output.currentStep ?? 'its start'}\` when it was stopped`,
        where: where(output.currentStep),
        hint: 'Make slow steps faster (no network-heavy or endless commands in RUN) and try again.',
      },
      output.lastLines(LOG_LINES),
      output.truncated,
    )
  if (output.error) throw buildFailure(output, instructions, dockerfileName, injected.toOriginalLine)
  const id = (await docker.getImage(ref).inspect()).Id
  return { ref, id, cached: false, durationMs: Date.now() - started, output: output.output }
}

function buildFailure(
  output: BuildOutput,
  instructions: ReturnType<typeof parseDockerfile>,
  dockerfileName: string,
  toOriginalLine: (line: number) => number,
): ContainerFailure {
  const error = output.error ?? 'unknown error'
  const parseError = /(?:parse error|error parsing).*?line (\d+): (.*)/i.exec(error)
  const logs = output.lastLines(LOG_LINES)
  if (parseError)
    return new ContainerFailure(
      'build-failed',
      {
        expected: 'a Dockerfile Docker can read',
        found: parseError[2] ?? error,
        where: `${dockerfileName}:${toOriginalLine(Number(parseError[1]))}`,
        hint: 'Check the spelling of the instruction on that line (FROM, RUN, COPY, WORKDIR, CMD, ...).',
      },
      logs,
      output.truncated,
    )
  const step = output.currentStep
  return new ContainerFailure(
    'build-failed',
    {
      expected: 'every Dockerfile instruction to succeed',
      found: `\`${step ? normalise(step) : 'the build'}\` failed: ${normalise(error)}`,
      where: stepLocation(step, instructions, dockerfileName),
      hint: 'Read the last lines of the build output below; run `docker build .` yourself to reproduce it.',
    },
    logs.length > 0 ? logs : lastLines(error, LOG_LINES),
    output.truncated,
  )
}

function stepLocation(
  step: string | undefined,
  instructions: ReturnType<typeof parseDockerfile>,
  dockerfileName: string,
): string {
  if (!step) return dockerfileName
  const wanted = normalise(step).toLowerCase()
  const match = instructions.find((i) => i.text.toLowerCase() === wanted)
  return match ? `${dockerfileName}:${match.line}` : dockerfileName
}

async function requireBaseImages(
  docker: Docker,
  bases: { image: string; line: number }[],
  dockerfileName: string,
) {
  for (const { image, line } of bases) {
    const ref = image.includes(':') || image.includes('@') ? image : `${image}:latest`
    const found = await imagePresence(docker, ref)
    requireCurrentStandIn(ref, found)
    if (found.presence !== 'missing') continue
    const catalog = Object.values(IMAGE_CATALOG)
    if (catalog.some((c) => c.ref === ref))
      throw new EnvironmentError(
        `The base image ${ref} (FROM in ${dockerfileName}:${line}) is not on this machine, and builds never pull.`,
        'Run `pnpm labs images seed` to build the offline stand-ins, then try again.',
      )
    throw new CheckFailure({
      expected: `a base image the grader has: ${catalog.map((c) => c.ref).join(', ')}`,
      found: `FROM ${image}`,
      where: `${dockerfileName}:${line}`,
      hint: 'The grader works offline; start from one of the images the lab README names.',
    })
  }
}

/** `docker/First Image` → `docker/first-image`: a valid repository path. */
function repoName(labId: string): string {
  return (
    labId
      .toLowerCase()
      .replace(/[^a-z0-9/._-]+/g, '-')
      .replace(/^[-./]+|[-./]+$/g, '') || 'lab'
  )
}
