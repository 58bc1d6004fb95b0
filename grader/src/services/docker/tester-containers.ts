import { setTimeout as sleep } from 'node:timers/promises'
import { captureLogs, ensureImage, hardenedCreateOptions, IMAGE_CATALOG } from '@backend-labs/containers'
import type { ExecResult, Sink, Tester, TesterPlan, TesterReport } from '@backend-labs/http-kit'
import { cannotDecide, EnvironmentError } from '@backend-labs/lab-kit'
import type Docker from 'dockerode'
import type { DockerSession } from './docker-session.ts'
import { execCommand, formatSeconds } from './exec-command.ts'

const MAX_TESTERS = 64
/** Each tester is a small Node client: these limits leave the app most of the machine. */
const TESTER_MEMORY_BYTES = 128 * 1024 * 1024
const TESTER_CPUS = 0.5
const TESTER_PIDS = 64
const CLIENT = '/opt/tester/tester-client.mjs'
const REPORT_PREFIX = 'TESTER-REPORT '
/** Over the plan's own duration: start-up, the last answers' timeouts, and a loaded machine. */
const RUN_MARGIN_MS = 60_000

const SINK_PORT = 3000
/** A sink serves for at most this long (the tester client's own cap), and must listen within the wait. */
const SINK_SECONDS = 600
const SINK_LISTEN_WAIT_MS = 20_000

/**
 * Starts `count` containers of the catalog's tester image on the run network (hardened and small,
 * labelled with the run, so the session removes them), and returns them once each has an address.
 */
export async function startTesters(
  session: DockerSession,
  count: number,
  network?: string,
): Promise<Tester[]> {
  if (!Number.isInteger(count) || count < 1 || count > MAX_TESTERS)
    throw new RangeError(`testers: between 1 and ${MAX_TESTERS}, not ${count}`)
  await ensureImage(await session.docker(), IMAGE_CATALOG.tester.ref)
  const start = async (): Promise<Tester> => {
    const { container, address } = await startTesterContainer(session, undefined, network)
    return { address, run: (plan) => runPlan(container, plan) }
  }
  return Promise.all(Array.from({ length: count }, start))
}

/**
 * One tester container on the run network (hardened, small, labelled with the run), and its
 * address. The caller has made sure the image is there.
 */
async function startTesterContainer(
  session: DockerSession,
  cmd?: string[],
  network?: string,
): Promise<{ container: Docker.Container; address: string }> {
  const image = IMAGE_CATALOG.tester.ref
  const registry = await session.registry()
  const networkName = await session.networkName(network)
  const container = await registry.createContainer(
    hardenedCreateOptions({
      image,
      networkName,
      memoryBytes: TESTER_MEMORY_BYTES,
      cpus: TESTER_CPUS,
      pidsLimit: TESTER_PIDS,
      readonlyRootfs: true,
      ...(cmd ? { cmd } : {}),
    }),
  )
  await container.start()
  const info = await container.inspect()
  const address = info.NetworkSettings.Networks[networkName]?.IPAddress ?? ''
  if (!address) throw new EnvironmentError(`A tester container got no address on ${networkName}.`)
  return { container, address }
}

/**
 * Starts a sink: a tester container that answers every request 200 "ok", bounded in time, returned
 * once it listens. Traffic sent to it costs the machine what traffic costs, and no app any work: a
 * baseline that the app under test has no say in.
 */
export async function startSink(session: DockerSession): Promise<Sink> {
  await ensureImage(await session.docker(), IMAGE_CATALOG.tester.ref)
  const { container, address } = await startTesterContainer(session, [
    '--serve',
    String(SINK_PORT),
    String(SINK_SECONDS),
  ])
  const deadline = Date.now() + SINK_LISTEN_WAIT_MS
  while (Date.now() < deadline) {
    const { lines } = await captureLogs(container)
    if (lines.some((l) => l.startsWith('SINK-LISTENING')))
      return { networkUrl: `http://${address}:${SINK_PORT}` }
    if (!(await container.inspect()).State.Running) break
    await sleep(100)
  }
  throw new EnvironmentError(
    `The sink container did not listen within ${SINK_LISTEN_WAIT_MS / 1000} s (or it stopped).`,
    'This is not your fault: run `pnpm labs images seed` (the tester image may be stale), then grade again.',
  )
}

async function runPlan(container: Docker.Container, plan: TesterPlan): Promise<TesterReport> {
  const timeoutMs = (plan.durationMs ?? 5000) + RUN_MARGIN_MS
  const result = await execCommand(container, ['node', CLIENT, JSON.stringify(plan)], {
    timeoutMs,
    outputCapBytes: 4 * 1024 * 1024,
  })
  return testerReport(result, timeoutMs)
}

/**
 * The report a tester run printed. A run still going at its deadline (its plan's duration and a
 * minute more) says the machine was too busy to measure on: the check that asked cannot decide, and
 * the rest of the grade goes on. A tester that ended without a report is the grader's problem.
 */
export function testerReport(result: ExecResult, timeoutMs: number): TesterReport {
  if (result.timedOut)
    cannotDecide(
      `The grader's own client (a tester container) was still at work after ${formatSeconds(timeoutMs)}, well past its plan: this machine is too busy to measure on.`,
      'Grade again when the machine is quieter.',
    )
  const line = result.stdout.split('\n').find((l) => l.startsWith(REPORT_PREFIX))
  if (result.exitCode !== 0 || !line)
    throw new EnvironmentError(
      `A tester container did not report (exit ${result.exitCode}): ${result.stderr.trim().slice(0, 500)}`,
      'This is not your fault: run `pnpm labs images seed` (the tester image may be stale), then grade again.',
    )
  return JSON.parse(line.slice(REPORT_PREFIX.length)) as TesterReport
}
