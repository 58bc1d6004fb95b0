import { Agent, get } from 'node:http'
import { type ApiCheckContext, describeFailures, idleKeepAlive } from '@backend-labs/http-kit'
import { defineChecks, fail } from '@backend-labs/lab-kit'
import {
  bigJson,
  bodyOf,
  documentsApp,
  LIMITS,
  MARGIN_MS,
  nestedJson,
  nestedObjects,
  postRaw,
} from '../../../../labs/production/slow-clients/documents-api.ts'
import { slowPhase, worst } from './slow-phase.ts'

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`

/** How many requests each connection of a keep-alive client carried, for `requests` sequential requests. */
async function requestsPerConnection(
  url: string,
  requests: number,
): Promise<{ perSocket: number[]; failed: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  const counts = new Map<unknown, number>()
  let failed = 0
  try {
    for (let i = 0; i < requests; i++) {
      const ok = await new Promise<boolean>((resolve) => {
        const req = get(new URL('/health', url), { agent }, (res) => {
          res.resume()
          res.on('end', () => resolve(res.statusCode === 200))
        })
        req.on('socket', (s) => counts.set(s, (counts.get(s) ?? 0) + 1))
        req.setTimeout(5000, () => req.destroy())
        req.on('error', () => resolve(false))
      })
      if (!ok) failed++
    }
  } finally {
    agent.destroy()
  }
  return { perSocket: [...counts.values()], failed }
}

const KIB = 1024

export const hiddenChecks = defineChecks<ApiCheckContext>('hidden', [
  {
    id: 'body-limit-edge',
    title: `The size limit is ${LIMITS.bodyBytes / KIB / KIB} MiB: a body of exactly ${LIMITS.bodyBytes} bytes is stored, one byte more gets 413`,
    points: 1,
    timeoutMs: 60_000,
    needs: ['stores-documents'],
    async run(ctx) {
      const app = await documentsApp(ctx)
      // JSON may end in whitespace: padded to exactly the limit, and to one byte past it
      const under = bigJson(LIMITS.bodyBytes - KIB).padEnd(LIMITS.bodyBytes, ' ')
      const answer = await postRaw(app.url, under)
      if (answer.status !== 201)
        fail({
          expected: `status 201 for a valid JSON body of exactly ${under.length} bytes (the ${LIMITS.bodyBytes / KIB / KIB} MiB limit itself)`,
          found: answer.status ? `status ${answer.status}` : 'no answer',
          hint: `the limit is ${LIMITS.bodyBytes} bytes: a lower one (a framework's default of 100 KB) refuses documents the README allows`,
        })
      // the framing (chunked or not) is body-limit's to judge: here only where the limit lies
      const over = bigJson(LIMITS.bodyBytes - KIB).padEnd(LIMITS.bodyBytes + 1, ' ')
      const refused = await postRaw(app.url, over)
      if (refused.status !== 413)
        fail({
          expected: `status 413 for a body of ${over.length} bytes, one over ${LIMITS.bodyBytes}`,
          found: refused.status ? `status ${refused.status}` : 'no answer',
          hint: `refuse the first byte past ${LIMITS.bodyBytes}, counted as the body arrives`,
        })
    },
  },
  {
    id: 'deep-json',
    title: `JSON nested deeper than ${LIMITS.jsonDepth} levels gets 400; ${LIMITS.jsonDepth} levels are fine`,
    points: 2,
    timeoutMs: 60_000,
    needs: ['stores-documents'],
    async run(ctx) {
      const app = await documentsApp(ctx)
      for (const [what, body] of [
        ['arrays', nestedJson(100_000)],
        ['objects', nestedObjects(100_000)],
      ] as const) {
        const deep = await postRaw(app.url, body)
        if (deep.status !== 400)
          fail({
            expected: `status 400 for a small JSON body of ${what} nested 100 000 levels deep`,
            found: deep.status ? `status ${deep.status}` : 'no answer (did the app crash?)',
            hint: `measure the nesting of arrays and objects alike before walking the document, without recursion, and refuse more than ${LIMITS.jsonDepth} levels`,
          })
      }
      const ok = await postRaw(app.url, nestedJson(LIMITS.jsonDepth))
      const fields = (bodyOf(ok) as { fields?: unknown } | undefined)?.fields
      if (ok.status !== 201 || fields !== LIMITS.jsonDepth)
        fail({
          expected: `status 201 with "fields": ${LIMITS.jsonDepth} for a document nested exactly ${LIMITS.jsonDepth} levels`,
          found: `status ${ok.status ?? 'none'} with "fields": ${JSON.stringify(fields)}`,
        })
    },
  },
  {
    id: 'slow-headers',
    title: `Connections that never finish their headers are cut within ${LIMITS.headersMs / 1000} s`,
    points: 2,
    timeoutMs: 90_000,
    needs: ['stores-documents'],
    async run(ctx) {
      const app = await documentsApp(ctx)
      const { open, slowestMs } = worst((await slowPhase(ctx.docker, app.url)).headers)
      if (open > 0)
        fail({
          expected: `every connection still sending headers after ${LIMITS.headersMs / 1000} s to be answered 408 or closed (the grader waits ${seconds(LIMITS.headersMs + MARGIN_MS)})`,
          found: `${open} of 30 slowloris connections still open after ${seconds(slowestMs)}`,
          hint: 'set the server’s headersTimeout, and a connectionsCheckingInterval short enough for it to be enforced in time',
        })
    },
  },
  {
    id: 'slow-body',
    title: `Requests whose body trickles in are cut within ${LIMITS.requestMs / 1000} s`,
    points: 2,
    timeoutMs: 90_000,
    needs: ['stores-documents'],
    async run(ctx) {
      const app = await documentsApp(ctx)
      const { open, slowestMs } = worst((await slowPhase(ctx.docker, app.url)).bodies)
      if (open > 0)
        fail({
          expected: `every request not complete after ${LIMITS.requestMs / 1000} s to be answered 408 or closed (the grader waits ${seconds(LIMITS.requestMs + MARGIN_MS)})`,
          found: `${open} of 10 slow-body connections still open after ${seconds(slowestMs)}`,
          hint: 'set the server’s requestTimeout (and a connectionsCheckingInterval short enough to enforce it)',
        })
    },
  },
  {
    id: 'normal-clients-served',
    title: 'Normal clients are served while 40 slow connections are open',
    points: 2,
    timeoutMs: 90_000,
    needs: ['stores-documents'],
    async run(ctx) {
      const app = await documentsApp(ctx)
      const { probes } = await slowPhase(ctx.docker, app.url)
      if (probes.served < probes.sent * 0.9)
        fail({
          expected:
            'at least 90 % of normal requests answered 2xx within 8 s while slow clients hold connections',
          found: `${probes.served} of ${probes.sent} served (others: ${describeFailures(probes)})`,
          hint: 'do not cap connections so low that slow clients take every slot: cut the slow ones with timeouts instead',
        })
    },
  },
  {
    id: 'keep-alive-cap',
    title: `Idle keep-alive connections close within ${LIMITS.idleKeepAliveMs / 1000} s; at most ${LIMITS.requestsPerConnection} requests per connection`,
    points: 2,
    timeoutMs: 90_000,
    needs: ['stores-documents'],
    async run(ctx) {
      const app = await documentsApp(ctx)
      const idle = await idleKeepAlive(app.url, '/health', LIMITS.idleKeepAliveMs + MARGIN_MS)
      if (!idle.cutOff || idle.status !== 200)
        fail({
          expected: `an idle keep-alive connection (after one answered request) closed within ${LIMITS.idleKeepAliveMs / 1000} s`,
          found:
            idle.status === 200
              ? `still open after ${seconds(idle.afterMs)}`
              : `no answer to its request (status ${idle.status ?? 'none'})`,
          hint: 'set the server’s keepAliveTimeout to a few seconds (0 means never)',
        })
      const requests = LIMITS.requestsPerConnection + 50
      const { perSocket, failed } = await requestsPerConnection(app.url, requests)
      const most = Math.max(0, ...perSocket)
      if (failed > 0 || most > LIMITS.requestsPerConnection)
        fail({
          expected: `${requests} requests on one keep-alive client: at most ${LIMITS.requestsPerConnection} on any connection (its last answer says Connection: close), all answered 200`,
          found: `${perSocket.length} connection(s) carrying ${perSocket.join(', ')} request(s); ${failed} not answered 200`,
          hint: 'set the server’s maxRequestsPerSocket',
        })
    },
  },
])
