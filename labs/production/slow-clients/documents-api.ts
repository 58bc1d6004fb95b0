import { type ApiCheckContext, type RawAnswer, type RunningApp, rawExchange } from '@backend-labs/http-kit'

/** The README's limits, which the checks hold the app to. */
export const LIMITS = {
  bodyBytes: 1024 * 1024,
  jsonDepth: 32,
  headersMs: 10_000,
  requestMs: 15_000,
  idleKeepAliveMs: 10_000,
  requestsPerConnection: 100,
} as const

/** Extra time the grader allows over each time limit: a busy machine delays timers. */
export const MARGIN_MS = 10_000

/** The learner's app (no database). */
export function documentsApp(ctx: ApiCheckContext): Promise<RunningApp> {
  return ctx.docker.app({ readiness: { kind: 'http', path: '/health' } })
}

/** POSTs a raw JSON text to /documents over a raw socket (any size), with or without Content-Length. */
export function postRaw(
  url: string,
  body: Buffer | string,
  options: { chunked?: boolean; timeoutMs?: number } = {},
): Promise<RawAnswer> {
  const host = new URL(url).host
  const bytes = typeof body === 'string' ? Buffer.from(body) : body
  const framing = options.chunked ? 'Transfer-Encoding: chunked\r\n' : `Content-Length: ${bytes.length}\r\n`
  const head = `POST /documents HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nConnection: close\r\n${framing}\r\n`
  const payload = options.chunked ? chunked(bytes) : bytes
  return rawExchange(url, head, payload, options.timeoutMs ?? 15_000)
}

function chunked(bytes: Buffer): Buffer {
  const parts: Buffer[] = []
  for (let i = 0; i < bytes.length; i += 64 * 1024) {
    const piece = bytes.subarray(i, i + 64 * 1024)
    parts.push(Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n'))
  }
  parts.push(Buffer.from('0\r\n\r\n'))
  return Buffer.concat(parts)
}

/** A JSON array of numbers of about `bytes` bytes: valid JSON, just too big. */
export function bigJson(bytes: number): string {
  const count = Math.ceil(bytes / 8)
  return `[${Array.from({ length: count }, () => '1234567').join(',')}]`
}

/** `depth` nested arrays around one number, e.g. depth 3: [[[1]]]. */
export function nestedJson(depth: number): string {
  return `${'['.repeat(depth)}1${']'.repeat(depth)}`
}

/** `depth` nested objects around one number, e.g. depth 2: {"a":{"a":1}}. */
export function nestedObjects(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
}

/** The JSON body of a raw answer, if it has one. */
export function bodyOf(answer: RawAnswer): unknown {
  const start = answer.head.indexOf('\r\n\r\n')
  if (start < 0) return undefined
  const headers = answer.head.slice(0, start)
  let body = answer.head.slice(start + 4)
  if (/\r\ntransfer-encoding: *chunked/i.test(headers)) body = dechunk(body)
  try {
    return JSON.parse(Buffer.from(body, 'latin1').toString('utf8'))
  } catch {
    return undefined
  }
}

/** The payload of a chunked body (as far as it arrived). */
function dechunk(body: string): string {
  let out = ''
  let at = 0
  while (at < body.length) {
    const lineEnd = body.indexOf('\r\n', at)
    if (lineEnd < 0) break
    const size = Number.parseInt(body.slice(at, lineEnd), 16)
    if (!(size > 0)) break
    out += body.slice(lineEnd + 2, lineEnd + 2 + size)
    at = lineEnd + 2 + size + 2
  }
  return out
}
