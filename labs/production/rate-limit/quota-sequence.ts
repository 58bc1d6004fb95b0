import { Agent, get } from 'node:http'
import type { ApiCheckContext } from '@backend-labs/http-kit'
import { LIMIT_ENV, QUOTE_PATH } from './quotes-api.ts'

/** One answer of the sequence, with the headers the checks read. */
export interface SequenceAnswer {
  status: number
  retryAfter?: string
  rateLimit?: string
  rateLimitPolicy?: string
}

/** Requests sent one after another until the first 429, at most this many. */
export const SEQUENCE_MAX = 40

const sequences = new WeakMap<object, Promise<SequenceAnswer[]>>()

/**
 * From the grader (one client), to an app of its own that no other check has used: GET /api/quote
 * one request after another until the first 429 (and one more), at most SEQUENCE_MAX. Shared by the
 * checks that read it, so the quota is spent once.
 */
export function quotaSequence(ctx: ApiCheckContext): Promise<SequenceAnswer[]> {
  let sequence = sequences.get(ctx.docker)
  if (!sequence) {
    sequence = (async () => {
      const app = await ctx.docker.app({
        key: 'quota',
        readiness: { kind: 'http', path: '/health' },
        env: LIMIT_ENV,
      })
      const agent = new Agent({ keepAlive: true, maxSockets: 1 })
      const answers: SequenceAnswer[] = []
      try {
        while (answers.length < SEQUENCE_MAX) {
          const answer = await getOnce(`${app.url}${QUOTE_PATH}`, agent)
          answers.push(answer)
          if (answers.filter((a) => a.status === 429).length >= 2) break
        }
      } finally {
        agent.destroy()
      }
      return answers
    })()
    sequences.set(ctx.docker, sequence)
  }
  return sequence
}

function getOnce(url: string, agent: Agent): Promise<SequenceAnswer> {
  return new Promise((resolve) => {
    const req = get(url, { agent, timeout: 10_000 }, (res) => {
      res.resume()
      res.on('end', () => {
        const header = (name: string) => {
          const value = res.headers[name]
          return Array.isArray(value) ? value.join(', ') : value
        }
        resolve({
          status: res.statusCode ?? 0,
          retryAfter: header('retry-after'),
          rateLimit: header('ratelimit'),
          rateLimitPolicy: header('ratelimit-policy'),
        })
      })
    })
    req.on('timeout', () => req.destroy())
    req.on('error', () => resolve({ status: 0 }))
  })
}
