import { get } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'

export interface ProbeOptions {
  path: string
  /** First probe after this long (let an attack start first). */
  startAfterMs: number
  /** No probe starts after this (bounded at 60 s). */
  untilMs: number
  everyMs: number
  /** Per probe: an answer later than this counts as not served. */
  timeoutMs: number
}

/** How a normal client fared: probes sent, and those answered 2xx in time. */
export interface ProbeReport {
  sent: number
  served: number
  /** What the others got: a status, 'timeout' or an error code → how many. */
  failures: Map<string, number>
}

/**
 * A normal client: a GET on a fresh connection every `everyMs` (each on its own: a slow answer does
 * not delay the next probe), counting those answered 2xx within `timeoutMs`. Bounded in count and time.
 */
export async function probeAvailability(baseUrl: string, options: ProbeOptions): Promise<ProbeReport> {
  const report: ProbeReport = { sent: 0, served: 0, failures: new Map() }
  const note = (why: string) => report.failures.set(why, (report.failures.get(why) ?? 0) + 1)
  const untilMs = Math.min(options.untilMs, 60_000)
  const url = new URL(options.path, baseUrl).href
  const pending: Promise<void>[] = []
  await sleep(options.startAfterMs)
  for (let at = options.startAfterMs; at <= untilMs && report.sent < 1000; at += options.everyMs) {
    report.sent++
    pending.push(
      once(url, options.timeoutMs).then((outcome) => {
        if (outcome === 'served') report.served++
        else note(outcome)
      }),
    )
    await sleep(options.everyMs)
  }
  await Promise.all(pending)
  return report
}

function once(url: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve) => {
    const req = get(url, { agent: false, headers: { connection: 'close' } }, (res) => {
      res.resume()
      res.on('end', () => {
        const status = res.statusCode ?? 0
        resolve(status >= 200 && status < 300 ? 'served' : `status ${status}`)
      })
      res.on('error', () => resolve('reset'))
    })
    req.setTimeout(timeoutMs, () => {
      req.destroy()
      resolve('timeout')
    })
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'))
  })
}

/** "3 × ECONNRESET, 1 × timeout" for a message. */
export function describeFailures(report: ProbeReport): string {
  return [...report.failures.entries()].map(([why, n]) => `${n} × ${why}`).join(', ') || 'none'
}
