import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { CheckFailure, EnvironmentError } from '@backend-labs/lab-kit'
import type Docker from 'dockerode'
import { packBuildContext } from './build-context.ts'
import { buildFailure, buildOutputFlood, buildTimeout, type LearnerDockerfile } from './build-failure.ts'
import { type BuildLimits, createBuildCgroup, DEFAULT_BUILD_LIMITS } from './build-limits.ts'
import { lockBuild } from './build-lock.ts'
import { BuildOutput } from './build-output.ts'
import { rewriteBuildKitSyntax } from './buildkit-syntax.ts'
import { injectAfterFrom, parseDockerfile } from './dockerfile-text.ts'
import { IMAGE_CATALOG } from './image-catalog.ts'
import { type FromImage, fromImages } from './image-reference.ts'
import { imagePresence, requireCurrentStandIn } from './image-status.ts'
import { LABEL } from './labels.ts'
import { CONTAINER_CA_PATH, type ProxyCa, resolveProxyCa } from './proxy-ca.ts'
import type { TarEntry } from './tar-pack.ts'

export interface LearnerImageBuildOptions {
  contextDir: string
  /** Lab id (`docker/first-image`): names the cached image `backend-labs/learner/<lab>:<hash>`. */
  labId: string
  dockerfile?: string
  /** Default 100 s: below the build checks' own timeouts, so this one fires and names the step. */
  timeoutMs?: number
  contextLimitBytes?: number
  /** Build output kept in memory; default 1 MiB. */
  outputCapBytes?: number
  /** Build output read at most; past it the build is stopped. Default 16 MiB. */
  outputLimitBytes?: number
  buildArgs?: Record<string, string>
  labels?: Record<string, string>
  /** Memory of each RUN step; default 1 GiB. Prefer `limits`. */
  memoryBytes?: number
  /** Pids, memory and CPU of the build; defaults {@link DEFAULT_BUILD_LIMITS}. */
  limits?: Partial<BuildLimits>
  /**
   * The network RUN steps join: default `none`. A lab whose build needs the package registry passes
   * an internal network with the grader's registry proxy on it, and `proxyEnv` ({@link startRegistryProxy}).
   */
  networkName?: string
  /** HTTPS_PROXY and friends for RUN steps (Docker's predefined build args, kept out of the image). */
  proxyEnv?: Record<string, string>
  /** Default: {@link resolveProxyCa} (the `LABS_PROXY_CA` setting); `null` for none. */
  proxyCa?: ProxyCa | null
  /** Build every step again, ignoring the build cache (tests that need a second, identical layer). */
  noCache?: boolean
  /**
   * Images whose layers alone may serve the build cache (an earlier build's final image and stage
   * heads). Without it the classic builder takes the newest identical layer of any build, which under
   * concurrent builds may be another build's, whose later steps are not this one's.
   */
  cacheFrom?: string[]
}

export interface LearnerImage {
  ref: string
  id: string
  /** True when an image of the same context existed and no build ran. */
  cached: boolean
  durationMs: number
  /** Build output (capped); empty when cached. */
  output: string
  /** Whether the output hit its cap, so only its tail is in `output`. */
  outputTruncated: boolean
  /**
   * Every image a step of this build made, in build order, the grader's own steps too (empty when
   * cached): what a grader that built it for itself removes, and nothing else.
   */
  madeImages: { instruction: string; id: string }[]
}

const CA_FILE_IN_CONTEXT = '.backend-labs-proxy-ca.crt'
const DEFAULT_TIMEOUT_MS = 100_000

/**
 * Builds the learner's Dockerfile with the classic builder, held to limits: pids, memory and CPU
 * through a cgroup parent ({@link createBuildCgroup}), time, output read, and no network unless the
 * lab's build needs the registry (then only the proxy's way there). Its plain-text stream tells
 * which step failed; BuildKit-only syntax is rewritten or refused ({@link rewriteBuildKitSyntax}).
 * Never pulls: every FROM image must be local.
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
  const originals = parseDockerfile(source)
  const buildable = rewriteBuildKitSyntax(source, dockerfileName)
  const instructions = parseDockerfile(buildable)
  await requireBaseImages(docker, fromImages(instructions, options.buildArgs), dockerfileName)

  const ca = options.proxyCa === undefined ? resolveProxyCa() : (options.proxyCa ?? undefined)
  const caLines = ca
    ? [`COPY ${CA_FILE_IN_CONTEXT} ${CONTAINER_CA_PATH}`, ...Object.keys(ca.env).map((n) => `ARG ${n}`)]
    : []
  const injected = ca
    ? injectAfterFrom(buildable, caLines)
    : { text: buildable, toOriginalLine: (line: number) => line }
  const file: LearnerDockerfile = {
    name: dockerfileName,
    instructions,
    original: (line) => originals.find((i) => i.line === line)?.text,
    toOriginalLine: injected.toOriginalLine,
  }
  const extra: TarEntry[] = [{ name: dockerfileName, type: 'file', data: Buffer.from(injected.text) }]
  if (ca) extra.push({ name: CA_FILE_IN_CONTEXT, type: 'file', data: ca.pem })
  const context = await packBuildContext(options.contextDir, {
    dockerfile: dockerfileName,
    limitBytes: options.contextLimitBytes,
    extra,
  })
  const buildArgs = { ...options.buildArgs, ...ca?.env, ...options.proxyEnv }
  const ref = `backend-labs/learner/${repoName(options.labId)}:${context.hash.slice(0, 16)}`
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const cachedImage = async () => {
    const existing = await imagePresence(docker, ref)
    return existing.presence !== 'missing' && existing.id
      ? {
          ref,
          id: existing.id,
          cached: true,
          durationMs: Date.now() - started,
          output: '',
          outputTruncated: false,
          madeImages: [],
        }
      : undefined
  }
  const early = await cachedImage()
  if (early) return early
  // two grades of one submission at once: the second waits, then finds the first one's image
  const release = await lockBuild(ref, timeoutMs)
  const late = await cachedImage().catch(async (error: unknown) => {
    await release()
    throw error
  })
  if (late) {
    await release()
    return late
  }
  const limits = {
    ...DEFAULT_BUILD_LIMITS,
    ...(options.memoryBytes ? { memoryBytes: options.memoryBytes } : {}),
    ...options.limits,
  }
  const cgroup = await createBuildCgroup(docker, limits)
  const stages = instructions.filter((i) => i.keyword === 'FROM').length
  const labels = { ...options.labels, [LABEL.learnerImage]: 'true', [LABEL.lab]: options.labId }
  // the daemon turns each build label into a step of its own at the end: the grader's, not theirs
  const labelSteps = Object.keys(labels).map((key) => `LABEL ${key}=`)
  const output = new BuildOutput(options.outputCapBytes ?? 1024 * 1024, {
    count: stages * caLines.length + labelSteps.length,
    isInjected: (step) => caLines.includes(step) || labelSteps.some((l) => step.startsWith(l)),
  })
  const outputLimitBytes = options.outputLimitBytes ?? 16 * 1024 * 1024
  const abort = new AbortController()
  let stoppedFor: 'time' | 'output' | undefined
  const timer = setTimeout(() => {
    stoppedFor = 'time'
    abort.abort()
  }, timeoutMs)
  try {
    const stream = await docker.buildImage(
      context.tar as unknown as NodeJS.ReadableStream,
      {
        t: ref,
        dockerfile: dockerfileName,
        buildargs: buildArgs,
        labels,
        pull: false,
        ...(options.noCache ? { nocache: true } : {}),
        // a JSON array in one query parameter, as the Engine API wants it
        ...(options.cacheFrom?.length ? { cachefrom: JSON.stringify(options.cacheFrom) } : {}),
        rm: true,
        forcerm: true,
        memory: limits.memoryBytes,
        memswap: limits.memoryBytes,
        cpuperiod: 100_000,
        cpuquota: Math.round(limits.cpus * 100_000),
        networkmode: options.networkName ?? 'none',
        ...(cgroup ? { cgroupparent: cgroup.parent } : {}),
        version: '1',
        abortSignal: abort.signal,
      } as Docker.ImageBuildOptions,
    )
    await new Promise<void>((resolve, reject) => {
      stream.on('data', (chunk: Buffer) => {
        output.push(chunk)
        if (output.totalBytes > outputLimitBytes && !stoppedFor) {
          stoppedFor = 'output'
          abort.abort()
          resolve()
        }
      })
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
    await cgroup?.remove()
    await release()
  }
  if (stoppedFor === 'time') throw buildTimeout(output, file, timeoutMs)
  if (stoppedFor === 'output') throw buildOutputFlood(output, file, outputLimitBytes)
  if (output.error) throw buildFailure(output, file, limits)
  const id = (await docker.getImage(ref).inspect()).Id
  return {
    ref,
    id,
    cached: false,
    durationMs: Date.now() - started,
    output: output.output,
    outputTruncated: output.truncated,
    madeImages: output.madeImages,
  }
}

async function requireBaseImages(docker: Docker, bases: FromImage[], dockerfileName: string) {
  for (const { image, reference, line } of bases) {
    const ref = reference.digest ? `${reference.canonical}@${reference.digest}` : reference.canonical
    const found = await imagePresence(docker, ref)
    requireCurrentStandIn(ref, found)
    if (found.presence !== 'missing') continue
    const catalog = Object.values(IMAGE_CATALOG)
    if (catalog.some((c) => c.ref === reference.canonical) && !reference.digest)
      throw new EnvironmentError(
        `The base image ${ref} (FROM in ${dockerfileName}:${line}) is not on this machine, and builds never pull.`,
        'Run `pnpm labs images seed` to build the offline stand-ins, then try again.',
      )
    throw new CheckFailure({
      expected: `a base image the grader has: ${catalog.map((c) => c.ref).join(', ')}`,
      found: `FROM ${image}`,
      where: `${dockerfileName}:${line}`,
      hint: reference.digest
        ? `The grader works offline with its own copies of the images, which have other digests: write \`FROM ${reference.canonical}\` without \`@${reference.digest.slice(0, 14)}…\`.`
        : 'The grader works offline; start from one of the images the lab README names.',
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
