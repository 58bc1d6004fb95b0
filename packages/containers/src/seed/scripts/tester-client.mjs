#!/usr/bin/env node
// The grader's traffic client, inside the `backend-labs/tester` image: one container per simulated
// client, so each has its own address on the lab's network. Plain Node, no dependencies.
//
//   tester-client.mjs --idle SECONDS        wait (the grader runs plans with `docker exec`)
//   tester-client.mjs --serve PORT SECONDS  answer every request 200 "ok" (a sink: traffic that costs
//                                           the machine what traffic costs, and no app any work)
//   tester-client.mjs PLAN_JSON             send the plan's requests, print one report line
//
// Every run is bounded: at most MAX_REQUESTS requests, MAX_DURATION_MS of sending, and each request
// ends within its timeout, however slowly its answer comes. The report is one line,
// `TESTER-REPORT {json}`, on stdout.
import http from 'node:http'
import { networkInterfaces } from 'node:os'

const MAX_REQUESTS = 20_000
const MAX_DURATION_MS = 60_000
const MAX_IDLE_S = 900
const MAX_LATENCIES = 20_000
const KEPT_HEADERS = [
  'retry-after',
  'ratelimit',
  'ratelimit-policy',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
]

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

function ownAddress() {
  for (const list of Object.values(networkInterfaces()))
    for (const i of list ?? []) if (i.family === 'IPv4' && !i.internal) return i.address
  return ''
}

function bounded(value, min, max, fallback) {
  const n = Number(value)
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback
}

function httpUrl(text) {
  const url = new URL(text)
  if (url.protocol !== 'http:') throw new Error(`only http targets: ${text}`)
  return url
}

function readPlan(text) {
  const raw = JSON.parse(text)
  return {
    target: httpUrl(raw.target),
    warmupTarget: typeof raw.warmupTarget === 'string' ? httpUrl(raw.warmupTarget) : undefined,
    method: typeof raw.method === 'string' ? raw.method : 'GET',
    headers: raw.headers && typeof raw.headers === 'object' ? raw.headers : {},
    headerSets: Array.isArray(raw.headerSets) ? raw.headerSets : [],
    concurrency: bounded(raw.concurrency, 1, 64, 1),
    maxRequests: bounded(raw.maxRequests, 1, MAX_REQUESTS, 100),
    durationMs: bounded(raw.durationMs, 100, MAX_DURATION_MS, 5000),
    intervalMs: bounded(raw.intervalMs, 0, 60_000, 0),
    timeoutMs: bounded(raw.timeoutMs, 100, 30_000, 5000),
    startAt: bounded(raw.startAt, 0, Number.MAX_SAFE_INTEGER, 0),
  }
}

/** Safe methods, which an HTTP client may send again when a kept-alive connection closes under it (RFC 9110 §9.2.1, §9.2.2). */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * One request, as an HTTP client does it: a request on a kept-alive connection that the server
 * closed before any answer (ECONNRESET or EPIPE on a reused socket, the race Node's docs describe under
 * `request.reusedSocket`) is sent once more (on another connection), when its method is safe and time is
 * left. Its latency counts from the first try; `retried` says so.
 */
async function send(plan, index, agent) {
  const started = performance.now()
  const first = await attempt(plan, index, agent, plan.timeoutMs)
  const left = plan.timeoutMs - (performance.now() - started)
  if (!(first.resetBeforeAnswer && IDEMPOTENT.has(plan.method.toUpperCase()) && left > 50))
    return { ...first, ms: performance.now() - started }
  const second = await attempt(plan, index, agent, left)
  return { ...second, ms: performance.now() - started, retried: true }
}

function attempt(plan, index, agent, timeoutMs) {
  const extra = plan.headerSets.length > 0 ? plan.headerSets[index % plan.headerSets.length] : {}
  return new Promise((resolve) => {
    let settled = false
    let timedOut = false
    const done = (result) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resolve(result)
    }
    let answered = false
    const failed = (code) =>
      done({
        error: timedOut ? 'ETIMEDOUT' : code,
        resetBeforeAnswer:
          !timedOut && !answered && (code === 'ECONNRESET' || code === 'EPIPE') && req.reusedSocket,
      })
    const req = http.request(
      plan.target,
      { method: plan.method, headers: { ...plan.headers, ...extra }, agent },
      (res) => {
        answered = true
        res.resume()
        res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers }))
        res.on('error', (e) => failed(e.code ?? 'EREAD'))
        res.on('close', () => failed('EREAD'))
      },
    )
    // A hard limit on the whole exchange, not on silence: an answer dripped a byte at a time must not
    // hold a client past its time (and a run past its end).
    const timer = setTimeout(() => {
      timedOut = true
      req.destroy()
    }, timeoutMs)
    req.on('error', (e) => failed(e.code ?? 'EREQUEST'))
    req.on('close', () => failed('EREQUEST'))
    req.end()
  })
}

const WARMUP_REQUESTS = 3

async function run(plan) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: plan.concurrency })
  // Before the start time, unmeasured: a few requests warm this process's HTTP path (and open its
  // keep-alive connection), so what is measured is the server, not a client just started.
  // A warm-up answer that is slow to come is given up at the start time: the app under test must not
  // be able to make its own measurement start late.
  if (plan.warmupTarget)
    for (let i = 0; i < WARMUP_REQUESTS && plan.startAt - Date.now() > 0; i++) {
      const timeoutMs = Math.max(50, Math.min(2000, plan.startAt - Date.now()))
      await send({ ...plan, target: plan.warmupTarget, headerSets: [], timeoutMs }, 0, agent)
    }
  if (plan.startAt > Date.now()) await sleep(Math.min(plan.startAt - Date.now(), 30_000))
  const report = {
    address: ownAddress(),
    sent: 0,
    statuses: {},
    statusesBySet: plan.headerSets.map(() => ({})),
    errors: {},
    retriedResets: 0,
    latenciesMs: [],
    firstHeaders: {},
    elapsedMs: 0,
    startedLateMs: plan.startAt > 0 ? Math.max(0, Date.now() - plan.startAt) : 0,
  }
  const started = Date.now()
  const stopAt = started + plan.durationMs
  let next = 0
  const worker = async (w) => {
    let due = Date.now() + (plan.intervalMs * w) / plan.concurrency
    while (Date.now() < stopAt && next < plan.maxRequests) {
      if (plan.intervalMs > 0) {
        const wait = due - Date.now()
        if (wait > 0) await sleep(wait)
        due += plan.intervalMs
        if (Date.now() >= stopAt) break
      }
      const index = next++
      const r = await send(plan, index, agent)
      report.sent++
      if (r.retried) report.retriedResets++
      if (report.latenciesMs.length < MAX_LATENCIES) report.latenciesMs.push(Math.round(r.ms * 100) / 100)
      if (r.error) {
        report.errors[r.error] = (report.errors[r.error] ?? 0) + 1
        continue
      }
      const key = String(r.status)
      report.statuses[key] = (report.statuses[key] ?? 0) + 1
      const bySet = report.statusesBySet[index % Math.max(1, plan.headerSets.length)]
      if (bySet) bySet[key] = (bySet[key] ?? 0) + 1
      if (!report.firstHeaders[key])
        report.firstHeaders[key] = Object.fromEntries(
          KEPT_HEADERS.filter((h) => r.headers[h] !== undefined).map((h) => [h, String(r.headers[h])]),
        )
    }
  }
  await Promise.all(Array.from({ length: plan.concurrency }, (_, w) => worker(w)))
  agent.destroy()
  report.elapsedMs = Date.now() - started
  return report
}

const SINK_LISTENING = 'SINK-LISTENING'

function serve(port, seconds) {
  const server = http.createServer((req, res) => {
    req.resume()
    res.writeHead(200, { 'content-type': 'text/plain' })
    res.end('ok')
  })
  server.listen(port, '0.0.0.0', () => process.stdout.write(`${SINK_LISTENING} ${port}\n`))
  setTimeout(() => process.exit(0), seconds * 1000)
  for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0))
}

const [arg, value, extra] = process.argv.slice(2)
if (arg === '--serve') {
  serve(bounded(value, 1, 65535, 3000), bounded(extra, 1, MAX_IDLE_S, 60))
} else if (arg === '--idle') {
  setTimeout(() => process.exit(0), bounded(value, 1, MAX_IDLE_S, 60) * 1000)
  for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0))
} else if (arg) {
  run(readPlan(arg)).then(
    (report) => process.stdout.write(`TESTER-REPORT ${JSON.stringify(report)}\n`),
    (error) => {
      process.stderr.write(`tester: ${error.message}\n`)
      process.exit(2)
    },
  )
} else {
  process.stderr.write('usage: tester-client.mjs --idle SECONDS | --serve PORT SECONDS | PLAN_JSON\n')
  process.exit(2)
}
