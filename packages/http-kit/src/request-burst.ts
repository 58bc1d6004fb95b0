import { Agent, request } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'

/** One request of a burst: an absolute URL on 127.0.0.1 (or a grader-made network) and a JSON body. */
export interface BurstRequest {
  url: string
  method?: string
  body?: unknown
  headers?: Record<string, string>
}

export interface BurstOptions {
  /** Each request starts after a random delay in [0, startJitterMs): a new interleaving every burst. */
  startJitterMs?: number
  /** Per request; a request still unanswered then counts as `timedOut`. Default 15 s. */
  timeoutMs?: number
  /** Random numbers in [0, 1); default Math.random (pass a seeded one to replay a burst). */
  random?: () => number
  /**
   * Connections open at once (kept alive and reused); default 50. More requests wait their turn on
   * the grader's side, so a burst never depends on how many fresh connections a busy host accepts.
   */
  maxSockets?: number
}

/** How a burst went: answers counted by status, and requests that got no answer. */
export interface BurstOutcome {
  /** status → how many requests got it */
  statuses: Map<number, number>
  /** Requests whose connection failed (refused, reset) before an answer. */
  connectionErrors: number
  /** Why they failed: error code (ECONNRESET, UND_ERR_SOCKET, …) → how many. */
  errorCodes: Map<string, number>
  timedOut: number
  /** The parsed JSON bodies of the answers, in request order (undefined when not JSON or no answer). */
  bodies: unknown[]
  durationMs: number
}

const MAX_BURST = 1000
const MAX_BODY_BYTES = 64 * 1024

/**
 * Sends every request at (nearly) the same time, each after its own random start delay, and waits
 * for all of them. Bounded: at most 1000 requests, each with a timeout.
 */
export async function sendBurst(requests: BurstRequest[], options: BurstOptions = {}): Promise<BurstOutcome> {
  if (requests.length > MAX_BURST) throw new RangeError(`a burst is at most ${MAX_BURST} requests`)
  const random = options.random ?? Math.random
  const jitter = options.startJitterMs ?? 0
  const timeoutMs = options.timeoutMs ?? 15_000
  const outcome: BurstOutcome = {
    statuses: new Map(),
    connectionErrors: 0,
    errorCodes: new Map(),
    timedOut: 0,
    bodies: [],
    durationMs: 0,
  }
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 50 })
  const started = performance.now()
  try {
    await Promise.all(
      requests.map(async (req, i) => {
        if (jitter > 0) await sleep(random() * jitter)
        const answer = await exchange(agent, req, timeoutMs)
        if ('status' in answer) {
          outcome.statuses.set(answer.status, (outcome.statuses.get(answer.status) ?? 0) + 1)
          outcome.bodies[i] = answer.json
        } else if (answer.code === 'TIMEOUT') outcome.timedOut++
        else {
          outcome.connectionErrors++
          outcome.errorCodes.set(answer.code, (outcome.errorCodes.get(answer.code) ?? 0) + 1)
        }
      }),
    )
  } finally {
    agent.destroy()
  }
  outcome.durationMs = performance.now() - started
  return outcome
}

/** "50 × 201, 150 × 409" — a burst's answers for a message, most frequent first. */
export function describeStatuses(outcome: BurstOutcome): string {
  const parts = [...outcome.statuses.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([status, n]) => `${n} × ${status}`)
  if (outcome.connectionErrors) {
    const codes = [...outcome.errorCodes.keys()].join(', ')
    parts.push(`${outcome.connectionErrors} × connection failed (${codes})`)
  }
  if (outcome.timedOut) parts.push(`${outcome.timedOut} × no answer in time`)
  return parts.join(', ') || 'no answers'
}

type Answer = { status: number; json: unknown } | { code: string }

/** One request over the burst's agent; never rejects (a failure is an answer with a code). */
function exchange(agent: Agent, req: BurstRequest, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve) => {
    const body = req.body === undefined ? undefined : JSON.stringify(req.body)
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers }
    if (body !== undefined) {
      headers['content-type'] ??= 'application/json'
      headers['content-length'] = String(Buffer.byteLength(body))
    }
    const r = request(req.url, { method: req.method ?? 'POST', headers, agent }, (res) => {
      const chunks: Buffer[] = []
      let size = 0
      res.on('data', (c: Buffer) => {
        size += c.length
        if (size <= MAX_BODY_BYTES) chunks.push(c)
      })
      res.on('error', () => resolve({ code: 'ECONNRESET' }))
      res.on('end', () => {
        let json: unknown
        try {
          json = JSON.parse(Buffer.concat(chunks).toString('utf8'))
        } catch {
          json = undefined
        }
        resolve({ status: res.statusCode ?? 0, json })
      })
    })
    r.setTimeout(timeoutMs, () => {
      r.destroy()
      resolve({ code: 'TIMEOUT' })
    })
    r.on('error', (error: NodeJS.ErrnoException) => resolve({ code: error.code ?? error.name }))
    r.end(body)
  })
}
