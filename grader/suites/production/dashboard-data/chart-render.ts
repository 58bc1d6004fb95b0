import { type ChildProcess, spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { RenderedChart, RenderOutcome } from './chart-render-worker.ts'

export type { RenderedBar, RenderedChart } from './chart-render-worker.ts'

/** Why a chart could not be rendered, in words for the learner (their spec is at fault). */
export class ChartRefused extends Error {}

/** The argument the renderer process (chart-render-worker.ts) is forked with. */
export const RENDERER_ARG = '--render-chart'
/** A spec larger than this (JSON nodes) is refused before vega-lite sees it: compiling is synchronous. */
const MAX_SPEC_NODES = 50_000
/** The renderer's heap (vega's rows live there) and time: past either, the spec is refused. */
export const RENDER_HEAP_MB = 256
export const RENDER_TIME_MS = 20_000
/** CPU seconds the kernel allows the renderer (ulimit -t): it cannot outlive a killed grader for long. */
export const RENDER_CPU_SECONDS = 30

/** The renderer's bounds (the defaults above; tests make them small). */
export interface RenderLimits {
  heapMb: number
  timeMs: number
  cpuSeconds: number
}
const LIMITS: RenderLimits = {
  heapMb: RENDER_HEAP_MB,
  timeMs: RENDER_TIME_MS,
  cpuSeconds: RENDER_CPU_SECONDS,
}

/** Every `url` in the spec, wherever it is, and the number of JSON nodes it holds. */
function scan(value: unknown, urls: string[], path = 'spec', budget = { nodes: 0 }): number {
  budget.nodes++
  if (budget.nodes > MAX_SPEC_NODES) return budget.nodes
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) scan(v, urls, `${path}[${i}]`, budget)
  } else if (value !== null && typeof value === 'object')
    for (const [key, v] of Object.entries(value)) {
      if (key === 'url') urls.push(`${path}.url`)
      scan(v, urls, `${path}.${key}`, budget)
    }
  return budget.nodes
}

/**
 * Renders a Vega-Lite spec (see renderHere) in a child process with a bounded heap and time,
 * after refusing a spec that is not an object, is too large, or names a URL.
 */
export async function renderChart(spec: unknown, limits: RenderLimits = LIMITS): Promise<RenderedChart> {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec))
    throw new ChartRefused('the chart must be a Vega-Lite specification: a JSON object')
  const urls: string[] = []
  if (scan(spec, urls) > MAX_SPEC_NODES)
    throw new ChartRefused(`the specification has more than ${MAX_SPEC_NODES} JSON values`)
  if (urls.length)
    throw new ChartRefused(
      `the specification loads from a URL (${urls.slice(0, 3).join(', ')}): put the series inline in data.values`,
    )
  const outcome = await inChild(spec, limits)
  if ('refused' in outcome) throw new ChartRefused(outcome.refused)
  return outcome.chart
}

/** Renderers still running, killed if the grader exits first (an exit handler runs synchronously). */
const live = new Set<ChildProcess>()
let exitHookInstalled = false

function inChild(spec: unknown, limits: RenderLimits): Promise<RenderOutcome> {
  if (!exitHookInstalled) {
    exitHookInstalled = true
    process.once('exit', () => {
      for (const child of live) child.kill('SIGKILL')
    })
  }
  // A child process, not a worker thread: on Node 20 a worker does not get tsx's loader. It starts
  // through sh for a CPU-time limit (the kernel ends it even if the grader is killed meanwhile and
  // the renderer is stuck in a loop); exec keeps the IPC channel.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
  const worker = fileURLToPath(new URL('./chart-render-worker.ts', import.meta.url))
  const child = spawn(
    '/bin/sh',
    [
      '-c',
      `ulimit -t ${limits.cpuSeconds} && exec "$0" "$@"`,
      process.execPath,
      '--import',
      tsx,
      `--max-old-space-size=${limits.heapMb}`,
      worker,
      RENDERER_ARG,
    ],
    {
      env: { ...process.env, NODE_OPTIONS: '' },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    },
  )
  live.add(child)
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000)
  })
  return new Promise<RenderOutcome>((resolve, reject) => {
    let answered = false
    const answer = (outcome: RenderOutcome) => {
      answered = true
      clearTimeout(timer)
      child.kill('SIGKILL')
      resolve(outcome)
    }
    const timer = setTimeout(
      () =>
        answer({
          refused: `rendering it took more than ${limits.timeMs / 1000} s: chart the series itself, not more rows`,
        }),
      limits.timeMs,
    )
    child.once('message', (outcome: RenderOutcome) => answer(outcome))
    child.once('error', (error) => {
      clearTimeout(timer)
      child.kill('SIGKILL')
      if (!answered) reject(error)
      answered = true
    })
    // 'close', not 'exit': by then stderr has been read to its end
    child.once('close', (code, signal) => {
      live.delete(child)
      clearTimeout(timer)
      if (answered) return
      answered = true
      if (/heap out of memory|Allocation failed/i.test(stderr))
        resolve({
          refused: `rendering it needed more than ${limits.heapMb} MB: chart the series itself, not more rows`,
        })
      else if (signal === 'SIGXCPU' || signal === 'SIGKILL')
        resolve({
          refused: `rendering it used more than ${limits.cpuSeconds} s of CPU: chart the series itself, not more rows`,
        })
      else
        reject(
          new Error(
            `the chart renderer stopped (${signal ?? `exit ${code}`}) without an answer: ${stderr.slice(-500)}`,
          ),
        )
    })
    child.send({ chartSpec: spec })
  })
}
