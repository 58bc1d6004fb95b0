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

/**
 * Reads at most MAX_BODY_BYTES of the body and drops the rest unread: an endless or huge answer
 * cannot fill the grader's memory. A body that stalls until the request's time is up is the app's
 * failure, not the grader's.
 */
async function readCapped(res: Response, label: string, timeoutMs: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  const reader = res.body?.getReader()
  if (!reader) return Buffer.alloc(0)
  try {
    while (size < MAX_BODY_BYTES) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(Buffer.from(value))
      size += value.byteLength
    }
  } catch (error) {
    const timedOut = ['TimeoutError', 'AbortError'].includes((error as Error).name)
    throw new CheckFailure({
      expected: `the whole answer to ${label}`,
      found: timedOut
        ? `its body was still unfinished after ${timeoutMs / 1000} s`
        : 'the connection broke in the middle of the body',
      hint: 'send the whole response and end it (res.end()), with a Content-Length that matches the body',
    })
  } finally {
    await reader.cancel().catch(() => {})
  }
  return Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES)
}

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
  const text = (await readCapped(res, label, req.timeoutMs ?? 5000)).toString('utf8')
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
