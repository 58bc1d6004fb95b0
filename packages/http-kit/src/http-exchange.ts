import { CheckFailure } from '@backend-labs/lab-kit'

export interface HttpRequest {
  method?: string
  path: string
  /** Sent as JSON unless it is a string. */
  body?: unknown
  headers?: Record<string, string>
  timeoutMs?: number
  /**
   * How the learner sees this request in messages, e.g. "creating an item without a name".
   * Hidden checks must set it: the literal method, path and body are then never shown.
   */
  label?: string
}

export interface HttpExchange {
  /** What messages call this request. */
  label: string
  status: number
  headers: Headers
  text: string
  /** The parsed body when it is JSON, else undefined. */
  json: unknown
  durationMs: number
}

const MAX_BODY_BYTES = 1024 * 1024

/** Sends one request to the learner's app; a connection problem is a learner-facing failure. */
export async function send(baseUrl: string, req: HttpRequest): Promise<HttpExchange> {
  const method = req.method ?? 'GET'
  const label = req.label ?? `${method} ${req.path}`
  const headers: Record<string, string> = { accept: 'application/json', ...req.headers }
  let body: string | undefined
  if (req.body !== undefined) {
    body = typeof req.body === 'string' ? req.body : JSON.stringify(req.body)
    headers['content-type'] ??= 'application/json'
  }
  const started = performance.now()
  let res: Response
  try {
    res = await fetch(new URL(req.path, baseUrl), {
      method,
      headers,
      body,
      signal: AbortSignal.timeout(req.timeoutMs ?? 5000),
      redirect: 'manual',
    })
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError'
    throw new CheckFailure({
      expected: `an answer to ${label}`,
      found: timedOut
        ? `no answer within ${(req.timeoutMs ?? 5000) / 1000} s`
        : 'the connection failed (did the app crash?)',
      hint: timedOut
        ? 'make sure every route sends a response, including on errors'
        : 'check the app logs for a crash',
    })
  }
  const buffer = Buffer.from(await res.arrayBuffer())
  const text = buffer.subarray(0, MAX_BODY_BYTES).toString('utf8')
  let json: unknown
  if ((res.headers.get('content-type') ?? '').includes('json')) {
    try {
      json = JSON.parse(text)
    } catch {
      json = undefined
    }
  }
  return {
    label,
    status: res.status,
    headers: res.headers,
    text,
    json,
    durationMs: performance.now() - started,
  }
}
