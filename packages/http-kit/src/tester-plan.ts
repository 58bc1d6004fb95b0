import { percentile } from './latency-summary.ts'

/**
 * Traffic sent from tester containers: one container per simulated client, each with its own address
 * on the lab's network, so that limits per client address are real. The grader starts them with
 * `ctx.docker.testers(n)` and runs plans in them (the image is the catalog's `tester`).
 */

/** What one tester sends. Every run is bounded in requests and time (the client caps both again). */
export interface TesterPlan {
  /** Absolute URL on the lab's network: `app.networkUrl` plus a path. */
  target: string
  method?: string
  headers?: Record<string, string>
  /** Extra headers, one set per request in turn (e.g. a new X-Forwarded-For each time). */
  headerSets?: Record<string, string>[]
  /** Requests in flight at once (keep-alive connections); default 1, at most 64. */
  concurrency?: number
  /** At most this many requests; default 100, at most 20 000. */
  maxRequests?: number
  /** Stop sending after this long; default 5 s, at most 60 s. */
  durationMs?: number
  /** Each connection sends one request per interval (0: as fast as answers come). */
  intervalMs?: number
  /** Per request; default 5 s. */
  timeoutMs?: number
  /**
   * Epoch ms: the client waits until then to start (at most 30 s). Start every tester's run a little
   * ahead with one `startAt`, so that their start-up is not inside what is measured.
   */
  startAt?: number
  /** Before `startAt`, a few unmeasured requests here (a cheap path such as /health) warm the client. */
  warmupTarget?: string
}

/** What one tester saw. Latencies are measured inside its container, in ms. */
export interface TesterReport {
  /** The tester's own address on the lab's network: what the app sees as the peer. */
  address: string
  sent: number
  /** status code → how many answers had it */
  statuses: Record<string, number>
  /** With `headerSets`: the statuses of the requests that carried each set, in the plan's order. */
  statusesBySet: Record<string, number>[]
  /** error code (ECONNRESET, ETIMEDOUT, …) → how many requests got no answer */
  errors: Record<string, number>
  /**
   * Requests sent a second time because the server closed a kept-alive connection before answering
   * (an HTTP client's retry of an idempotent request); each is counted once, by its last try.
   */
  retriedResets?: number
  latenciesMs: number[]
  /** status code → the rate-limit headers (lower-case names) of the first answer with it */
  firstHeaders: Record<string, Record<string, string>>
  elapsedMs: number
  /** With `startAt`: how late the client began sending (it was still starting up); else 0. */
  startedLateMs: number
}

/** One tester container, idle until a plan runs in it. */
export interface Tester {
  /** Its address on the lab's network. */
  address: string
  run(plan: TesterPlan): Promise<TesterReport>
}

/** How many answers had a status in [from, to], from a `statuses` count (a report's, or one set's). */
export function answersWithin(statuses: Record<string, number>, from: number, to: number): number {
  return Object.entries(statuses)
    .filter(([status]) => Number(status) >= from && Number(status) <= to)
    .reduce((sum, [, count]) => sum + count, 0)
}

/** The q-th quantile (0..1) of latencies, nearest rank; undefined when there are none. */
export function quantile(latenciesMs: number[], q: number): number | undefined {
  if (latenciesMs.length === 0) return undefined
  return percentile(
    [...latenciesMs].sort((a, b) => a - b),
    q * 100,
  )
}

/** A tester container that answers every request 200 "ok": traffic that no app under test answers. */
export interface Sink {
  /** Its base URL on the lab's network, e.g. http://172.18.0.9:3000. */
  networkUrl: string
}
