import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/** What the load thread reports back: raw counts and latencies. */
export interface WorkerRun {
  answered: number
  statuses: [string, number][]
  errors: number
  timeouts: number
  latencies: number[]
}

// Plain CommonJS run with `eval`: no TypeScript loader needed in the thread, bundled CLI or not.
const LOAD_THREAD = `
const { parentPort, workerData } = require('node:worker_threads')
const autocannon = require(workerData.autocannonPath)
const { settings, durationMs, maxLatencies } = workerData
const latencies = []
const statuses = new Map()
let answered = 0, errors = 0, timeouts = 0, timer
const instance = autocannon(settings, (error) => {
  clearTimeout(timer)
  if (error) parentPort.postMessage({ error: String(error && error.message || error) })
  else parentPort.postMessage({ answered, statuses: [...statuses], errors, timeouts, latencies })
})
instance.on('response', (_client, status, _bytes, ms) => {
  answered++
  statuses.set(String(status), (statuses.get(String(status)) || 0) + 1)
  if (latencies.length < maxLatencies) latencies.push(ms)
})
instance.on('reqError', (error) => {
  errors++
  if (/timed out/.test(String(error && error.message))) timeouts++
})
timer = setTimeout(() => instance.stop(), durationMs)
`

const autocannonPath = createRequire(import.meta.url).resolve('autocannon')

/** Runs one autocannon load on its own thread and waits for its counts (bounded by the caller's settings). */
export async function runInWorker(data: {
  settings: Record<string, unknown>
  durationMs: number
  maxLatencies: number
}): Promise<WorkerRun> {
  const worker = new Worker(LOAD_THREAD, { eval: true, workerData: { ...data, autocannonPath } })
  try {
    const message = await new Promise<WorkerRun | { error: string }>((resolve, reject) => {
      worker.once('message', resolve)
      worker.once('error', reject)
      worker.once('exit', (code) => reject(new Error(`the load thread exited early (code ${code})`)))
    })
    if ('error' in message) throw new Error(`load run failed: ${message.error}`)
    return message
  } finally {
    await worker.terminate()
  }
}
