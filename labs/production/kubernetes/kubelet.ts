import { setTimeout as sleep } from 'node:timers/promises'
import type { ApiCheckContext, RunningApp } from '@backend-labs/http-kit'
import { fail } from '@backend-labs/lab-kit'
import { loadManifests } from './manifests.ts'
import { type HttpProbe, type PodRun, podRun } from './pod-spec.ts'

/**
 * The kubelet's part, played by the grader: the app runs in Docker as the pod spec says, and the
 * grader sends the probes the kubelet would. Probe periods are shortened (at most 1 s apart): the
 * counts and thresholds are the manifest's, the waiting is not.
 */

/** Extra time a probe may take over its timeoutSeconds: the grading machine may be busy. */
const PROBE_SLACK_MS = 3000
/** Longest the grader waits for the app to log that it warmed up. */
const WARM_UP_WAIT_MS = 30_000
export const WARM_LOG = 'warmed up, ready for traffic'

/** The pod's run plan; a plan the kubelet would refuse to start fails here, as it would there. */
export async function planPod(ctx: ApiCheckContext): Promise<PodRun> {
  const run = podRun(await loadManifests(ctx.submissionDir))
  if (run.runAsNonRoot && run.user === undefined) {
    const image = await ctx.docker.image()
    if (['', 'root', '0'].includes(image.user.split(':')[0] ?? ''))
      fail({
        expected: 'a pod the kubelet can start',
        found: 'runAsNonRoot: true, no runAsUser, and an image that runs as root',
        hint: 'the kubelet refuses it: "container has runAsNonRoot and image will run as root"; set runAsUser',
      })
  }
  return run
}

/** Starts the pod's container (one per key) as the spec says, with extra env for the grader. */
export async function startPod(
  ctx: ApiCheckContext,
  run: PodRun,
  options: { key: string; env?: Record<string, string> },
): Promise<RunningApp> {
  return ctx.docker.app({
    key: options.key,
    port: run.port,
    env: { ...run.env, ...options.env },
    user: run.user,
    readonlyRootfs: run.readOnlyRootFilesystem,
    tmpfs: run.emptyDirs,
    memoryBytes: run.memoryBytes,
    cpus: run.cpus,
    // the grader's own "is it listening" wait; the kubelet's probes come after
    readiness: { kind: 'tcp' },
  })
}

/** The kubelet reads this much of a probe's answer (for its event message) and no more. */
const PROBE_BODY_BYTES = 10 * 1024

async function readAtMost(res: Response, bytes: number): Promise<void> {
  const reader = res.body?.getReader()
  if (!reader) return
  let read = 0
  try {
    while (read < bytes) {
      const { done, value } = await reader.read()
      if (done) return
      read += value.length
    }
  } finally {
    await reader.cancel().catch(() => {})
  }
}

/** One kubelet probe: success is an HTTP status from 200 to 399 within the timeout. */
export async function probe(app: RunningApp, p: HttpProbe): Promise<{ ok: boolean; found: string }> {
  try {
    const res = await fetch(new URL(p.path, app.url), {
      signal: AbortSignal.timeout(p.timeoutSeconds * 1000 + PROBE_SLACK_MS),
      redirect: 'manual',
    })
    // as the kubelet: at most 10 KiB of the body is read, within the probe's time (a body that
    // stalls is a failed probe), and the rest is dropped unread
    await readAtMost(res, PROBE_BODY_BYTES)
    return { ok: res.status >= 200 && res.status < 400, found: `HTTP ${res.status}` }
  } catch (error) {
    return { ok: false, found: (error as Error).name === 'TimeoutError' ? 'no answer in time' : 'no answer' }
  }
}

/** The wait between two probes: the manifest's period, shortened to at most 1 s. */
export const probeGap = (p: HttpProbe) => Math.min(p.periodSeconds, 1) * 1000

/**
 * Waits until the app's log says it has warmed up `times` times (a restarted container keeps its
 * earlier log), bounded; fails with the app's exit if it died.
 */
export async function warmedUp(app: RunningApp, times = 1): Promise<void> {
  const deadline = Date.now() + WARM_UP_WAIT_MS
  while (Date.now() < deadline) {
    if ((await app.logs()).split(WARM_LOG).length > times) return
    const exit = await app.exitState?.()
    if (exit)
      fail({
        expected: 'the app to start as the pod spec says',
        found: `it exited with code ${exit.exitCode}${exit.oomKilled ? ' (killed: out of memory, raise limits.memory)' : ''}`,
      })
    await sleep(250)
  }
  fail({ expected: 'the app to warm up within 30 s', found: 'it never logged that it was ready' })
}

/**
 * Probes until `threshold` consecutive results equal `want`, at most `maxProbes` times; returns
 * whether it got there and the last result.
 */
export async function probeUntil(
  app: RunningApp,
  p: HttpProbe,
  want: boolean,
  threshold: number,
  maxProbes: number,
): Promise<{ reached: boolean; found: string }> {
  let streak = 0
  let found = ''
  for (let i = 0; i < maxProbes; i++) {
    const result = await probe(app, p)
    found = result.found
    streak = result.ok === want ? streak + 1 : 0
    if (streak >= threshold) return { reached: true, found }
    await sleep(probeGap(p))
  }
  return { reached: false, found }
}
