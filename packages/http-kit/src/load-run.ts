import type autocannon from 'autocannon'
import { type LatencySummary, latencySummary } from './latency-summary.ts'
import { checkLoadTarget } from './load-target.ts'
import { runInWorker } from './load-worker.ts'

/** One request a load connection sends; each connection cycles through the list in order. */
export interface LoadRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** Path and query, e.g. `/products/7`. */
  path: string
  /** Sent as JSON. */
  body?: unknown
  headers?: Record<string, string>
}

export interface LoadOptions {
  /** Base URL: http://127.0.0.1:<port>, or a grader-made container named in `allowedHosts`. */
  url: string
  /** Default: `GET /`. */
  requests?: LoadRequest[]
  /** Connections kept open at once, each sending its next request when the last is answered (1–200). */
  connections: number
  /** How long the load lasts (at most 60 s). */
  durationMs: number
  /** Stop earlier after this many requests in all (at most 100 000). */
  amount?: number
  /** Per request; one still unanswered then counts as a timeout. Default 10 s. */
  timeoutMs?: number
  /**
   * Host names besides 127.0.0.1 / ::1 / localhost that may be targeted: only aliases of containers
   * on a network the grader created (when the load runs in the tester container).
   */
  allowedHosts?: string[]
}

/** What one bounded load run measured. */
export interface LoadResult {
  /** Requests answered (any status). */
  answered: number
  /** Answers per second over the run's wall time. */
  throughputPerSec: number
  durationMs: number
  /** status → how many answers had it */
  statuses: Map<number, number>
  /** Answers outside 2xx. */
  non2xx: number
  /** Requests that got no answer: connection errors and timeouts. */
  errors: number
  timeouts: number
  /** Latency of the answers (any status; the first 100 000), from sending the request to the answer's last byte. */
  latencyMs: LatencySummary
}

export const LOAD_LIMITS = { connections: 200, durationMs: 60_000, amount: 100_000 } as const

/**
 * Runs autocannon (as a library) against a local or grader-made target, bounded in connections,
 * requests and time, and summarises it. Refuses any other host with a RangeError. The load runs on a
 * thread of its own: a busy grader (builds, other grades) must not stall the clients and so
 * inflate the latencies it measures.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const base = checkLoadTarget(options.url, options.allowedHosts ?? [])
  const { connections, durationMs } = options
  if (!Number.isInteger(connections) || connections < 1 || connections > LOAD_LIMITS.connections)
    throw new RangeError(`connections must be an integer in 1..${LOAD_LIMITS.connections}`)
  if (!(durationMs > 0 && durationMs <= LOAD_LIMITS.durationMs))
    throw new RangeError(`durationMs must be in (0, ${LOAD_LIMITS.durationMs}]`)
  const { amount } = options
  if (
    amount !== undefined &&
    (!Number.isInteger(amount) || amount < connections || amount > LOAD_LIMITS.amount)
  )
    throw new RangeError(`amount must be an integer in ${connections}..${LOAD_LIMITS.amount}`)

  const requests = (options.requests ?? [{ path: '/' }]).map(toAutocannonRequest)
  const settings = {
    url: base.origin,
    connections,
    // autocannon ignores `duration` once `amount` is set, and checks it only once a sample:
    // the worker's timer stops it at durationMs; autocannon's own duration is a backstop
    ...(amount ? { amount } : { duration: durationMs / 1000 + 1 }),
    sampleInt: 100,
    timeout: Math.max(1, Math.ceil((options.timeoutMs ?? 10_000) / 1000)),
    requests,
  }
  const started = performance.now()
  const run = await runInWorker({ settings, durationMs, maxLatencies: LOAD_LIMITS.amount })
  const statuses = new Map(run.statuses.map(([status, n]) => [Number(status), n] as [number, number]))
  const { answered, errors, timeouts, latencies } = run
  const wallMs = performance.now() - started
  let non2xx = 0
  for (const [status, n] of statuses) if (status < 200 || status > 299) non2xx += n
  return {
    answered,
    throughputPerSec: answered / (wallMs / 1000),
    durationMs: wallMs,
    statuses,
    non2xx,
    errors,
    timeouts,
    latencyMs: latencySummary(latencies),
  }
}

function toAutocannonRequest(request: LoadRequest): autocannon.Request {
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers }
  if (request.body === undefined) return { method: request.method ?? 'GET', path: request.path, headers }
  return {
    method: request.method ?? 'POST',
    path: request.path,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(request.body),
  }
}

/** "812 answers (4 × 500), 3 connection errors, 2 timeouts" — what went wrong in a run, for a message. */
export function describeLoadErrors(result: LoadResult): string {
  const parts = [`${result.answered} answers`]
  const bad = [...result.statuses].filter(([s]) => s < 200 || s > 299).map(([s, n]) => `${n} × ${s}`)
  if (bad.length) parts[0] += ` (${bad.join(', ')})`
  if (result.errors - result.timeouts) parts.push(`${result.errors - result.timeouts} connection errors`)
  if (result.timeouts) parts.push(`${result.timeouts} timeouts`)
  return parts.join(', ')
}
