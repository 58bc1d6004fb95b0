import { connect, type Socket } from 'node:net'

/** How a raw connection ended, seen from the client. */
export interface SlowClientOutcome {
  /** True when the server closed the connection (or answered and closed) before `maxMs`. */
  cutOff: boolean
  /** Milliseconds from connecting to the server closing it, or to giving up at `maxMs`. */
  afterMs: number
  /** The status of an answer the server sent first (e.g. 408), if any. */
  status?: number
}

export interface SlowClientOptions {
  /** One more byte (or header line) is sent this often. */
  intervalMs: number
  /** The client gives up (and closes) after this long; bounded at 60 s. */
  maxMs: number
}

const MAX_MS = 60_000
const MAX_KEPT_BYTES = 64 * 1024

function target(baseUrl: string): { host: string; port: number; hostHeader: string } {
  const url = new URL(baseUrl)
  return { host: url.hostname, port: Number(url.port || 80), hostHeader: url.host }
}

/** The status code of the first HTTP answer in `data`, if one has arrived. */
export function statusOf(data: string): number | undefined {
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(data)
  return match ? Number(match[1]) : undefined
}

/**
 * Opens a connection, calls `trickle(socket, step)` every `intervalMs` (step 0, 1, …) until the
 * server closes it or `maxMs` passes, then closes it. Never rejects.
 */
function trickleConnection(
  baseUrl: string,
  first: string,
  trickle: (socket: Socket, step: number) => void,
  options: SlowClientOptions,
): Promise<SlowClientOutcome> {
  const maxMs = Math.min(options.maxMs, MAX_MS)
  const { host, port } = target(baseUrl)
  return new Promise((resolve) => {
    const started = performance.now()
    let received = ''
    let step = 0
    let timer: NodeJS.Timeout | undefined
    const socket = connect({ host, port })
    const finish = (cutOff: boolean) => {
      clearInterval(timer)
      clearTimeout(giveUp)
      socket.destroy()
      const status = statusOf(received)
      resolve({ cutOff, afterMs: performance.now() - started, ...(status ? { status } : {}) })
    }
    const giveUp = setTimeout(() => finish(false), maxMs)
    socket.on('connect', () => {
      socket.write(first)
      timer = setInterval(() => {
        if (!socket.destroyed && socket.writable) trickle(socket, step++)
      }, options.intervalMs)
    })
    socket.on('data', (chunk: Buffer) => {
      if (received.length < MAX_KEPT_BYTES) received += chunk.toString('latin1')
    })
    socket.on('end', () => finish(true))
    socket.on('close', () => finish(true))
    socket.on('error', () => finish(true))
  })
}

/** Slowloris: a request line, then one more header line every `intervalMs`, never finishing the headers. */
export function slowHeaders(baseUrl: string, options: SlowClientOptions): Promise<SlowClientOutcome> {
  const first = `GET /health HTTP/1.1\r\nHost: ${target(baseUrl).hostHeader}\r\n`
  return trickleConnection(baseUrl, first, (s, i) => s.write(`X-Slow-${i}: ${i}\r\n`), options)
}

/** Complete headers for a JSON POST of `contentLength` bytes, then the body one byte every `intervalMs`. */
export function slowBody(
  baseUrl: string,
  path: string,
  contentLength: number,
  options: SlowClientOptions,
): Promise<SlowClientOutcome> {
  const first =
    `POST ${path} HTTP/1.1\r\nHost: ${target(baseUrl).hostHeader}\r\n` +
    `Content-Type: application/json\r\nContent-Length: ${contentLength}\r\n\r\n[`
  return trickleConnection(baseUrl, first, (s) => s.write('1'), options)
}

/**
 * One complete keep-alive request, then silence: resolves when the server closes the idle
 * connection, or at `maxMs` (`cutOff: false`).
 */
export function idleKeepAlive(baseUrl: string, path: string, maxMs: number): Promise<SlowClientOutcome> {
  const first = `GET ${path} HTTP/1.1\r\nHost: ${target(baseUrl).hostHeader}\r\nConnection: keep-alive\r\n\r\n`
  return trickleConnection(baseUrl, first, () => {}, { intervalMs: 1000, maxMs })
}

/** What the server sent back to a raw request, and whether it closed the connection. */
export interface RawAnswer {
  status?: number
  /** The answer's first bytes (headers and the start of the body), latin1. */
  head: string
  closed: boolean
}

/**
 * Writes `head` and then `body` (which may be large: the server may answer early and close, and
 * a write error then is expected), and collects the answer for up to `timeoutMs`.
 */
export function rawExchange(
  baseUrl: string,
  head: string,
  body: Buffer | string,
  timeoutMs: number,
): Promise<RawAnswer> {
  const { host, port } = target(baseUrl)
  return new Promise((resolve) => {
    let received = ''
    let closed = false
    const socket = connect({ host, port })
    const finish = () => {
      clearTimeout(timer)
      socket.destroy()
      const status = statusOf(received)
      resolve({ head: received.slice(0, 4096), closed, ...(status ? { status } : {}) })
    }
    const timer = setTimeout(finish, Math.min(timeoutMs, MAX_MS))
    socket.on('connect', () => {
      socket.write(head)
      socket.end(body)
    })
    socket.on('data', (chunk: Buffer) => {
      if (received.length < MAX_KEPT_BYTES) received += chunk.toString('latin1')
      // one full answer with a length is enough
      const length = /\r\ncontent-length: *(\d+)/i.exec(received)
      const end = received.indexOf('\r\n\r\n')
      if (length && end >= 0 && received.length >= end + 4 + Number(length[1])) finish()
    })
    socket.on('close', () => {
      closed = true
      finish()
    })
    socket.on('error', () => {})
  })
}
