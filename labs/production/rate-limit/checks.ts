import { type ApiCheckContext, send } from '@backend-labs/http-kit'
import { defineChecks, fail } from '@backend-labs/lab-kit'
import { BASE_IMAGE } from '../../docker/containerise-api/base-image.ts'
import { quotaSequence, SEQUENCE_MAX } from './quota-sequence.ts'
import { LIMITS, modelPrice, QUOTE_PATH, quotesApp } from './quotes-api.ts'
import { parseRateLimitList } from './ratelimit-fields.ts'

const { requests: QUOTA, windowSeconds: WINDOW } = LIMITS

export default defineChecks<ApiCheckContext>('public', [
  {
    id: 'builds',
    title: `The Dockerfile builds from ${BASE_IMAGE}`,
    points: 1,
    timeoutMs: 240_000,
    hints: ['Run `docker build .` in your workspace to see the same error.'],
    async run(ctx) {
      await ctx.docker.image()
    },
  },
  {
    id: 'serves-quotes',
    title:
      'GET /api/quote?symbol=ACME answers 200 with {"symbol", "price"} priced by the model, and /health answers 200',
    points: 1,
    timeoutMs: 90_000,
    needs: ['builds'],
    async run(ctx) {
      const app = await quotesApp(ctx)
      const quote = await send(app.url, { method: 'GET', path: QUOTE_PATH })
      const body = quote.json as { symbol?: unknown; price?: unknown } | undefined
      const price = await modelPrice('ACME')
      if (quote.status !== 200 || body?.symbol !== 'ACME' || body.price !== price)
        fail({
          expected: `status 200 with {"symbol": "ACME", "price": ${price}} (the starter's pricing model)`,
          found: `status ${quote.status} with ${quote.text.slice(0, 200)}`,
          hint: 'keep GET /api/quote working as the starter has it: priceQuote() decides the price',
        })
    },
  },
  {
    id: 'quota-enforced',
    title: `One client gets its first ${QUOTA} quotes, then 429 Too Many Requests`,
    points: 2,
    timeoutMs: 120_000,
    needs: ['serves-quotes'],
    async run(ctx) {
      const answers = await quotaSequence(ctx)
      const first429 = answers.findIndex((a) => a.status === 429)
      const early = answers.slice(0, QUOTA).findIndex((a) => a.status !== 200)
      if (early >= 0)
        fail({
          expected: `the first ${QUOTA} requests of a client answered 200 (the quota is ${QUOTA} per ${WINDOW} s)`,
          found: `request ${early + 1} got status ${answers[early]!.status || 'none (no answer)'}`,
          hint: `RATE_LIMIT (${QUOTA}) is the number of requests allowed per window: check for an off-by-one, and do not count /health`,
        })
      if (first429 < 0)
        fail({
          expected: `a 429 once a client has used its ${QUOTA} requests`,
          found: `${answers.length} requests in a row from one client, none refused (statuses: ${[...new Set(answers.map((a) => a.status))].join(', ')})`,
          hint: 'count the requests of each client address per window, and answer 429 over RATE_LIMIT',
        })
    },
  },
  {
    id: 'retry-after',
    title: 'A 429 says when to come back: Retry-After in whole seconds, within the window',
    points: 1,
    timeoutMs: 120_000,
    needs: ['quota-enforced'],
    async run(ctx) {
      const refused = (await quotaSequence(ctx)).find((a) => a.status === 429)
      const value = refused?.retryAfter
      const seconds = value !== undefined && /^\d+$/.test(value.trim()) ? Number(value) : undefined
      if (seconds === undefined || seconds < 1 || seconds > WINDOW)
        fail({
          expected: `Retry-After: <seconds> on the 429, an integer from 1 to ${WINDOW}`,
          found: value === undefined ? 'no Retry-After header' : `Retry-After: ${value}`,
          hint: 'send the seconds until the client may try again (rounded up), not a date or milliseconds',
        })
    },
  },
  {
    id: 'ratelimit-headers',
    title: 'Every quote answer carries RateLimit-Policy and RateLimit in the IETF draft format',
    points: 2,
    timeoutMs: 120_000,
    needs: ['quota-enforced'],
    async run(ctx) {
      const answers = await quotaSequence(ctx)
      for (const [index, answer] of answers.entries()) {
        const where = `request ${index + 1} (status ${answer.status})`
        const policy = parseRateLimitList(answer.rateLimitPolicy)?.[0]
        if (policy?.params.q !== QUOTA || policy.params.w !== WINDOW)
          fail({
            expected: `RateLimit-Policy: "default";q=${QUOTA};w=${WINDOW} on ${where}`,
            found:
              answer.rateLimitPolicy === undefined
                ? 'no RateLimit-Policy header'
                : `RateLimit-Policy: ${answer.rateLimitPolicy}`,
            hint: 'the policy names the quota (q) and the window in seconds (w), as a structured field: see the README',
          })
        const limit = parseRateLimitList(answer.rateLimit)?.[0]
        const remaining = limit?.params.r
        const reset = limit?.params.t
        const expectedRemaining = answer.status === 429 ? 0 : index === 0 ? QUOTA - 1 : undefined
        const ok =
          remaining !== undefined &&
          reset !== undefined &&
          remaining >= 0 &&
          remaining <= QUOTA &&
          reset >= 0 &&
          reset <= WINDOW &&
          (expectedRemaining === undefined || remaining === expectedRemaining)
        if (!ok)
          fail({
            expected: `RateLimit: "default";r=<remaining, ${expectedRemaining ?? `0..${QUOTA}`}>;t=<seconds to reset, 0..${WINDOW}> on ${where}`,
            found: answer.rateLimit === undefined ? 'no RateLimit header' : `RateLimit: ${answer.rateLimit}`,
            hint: 'r is what the client has left after this request (19 after the first of 20), t the seconds until its quota resets',
          })
      }
      if (answers.length === SEQUENCE_MAX && !answers.some((a) => a.status === 429))
        fail({ expected: 'a 429 to read its headers', found: 'none', hint: 'pass "quota-enforced" first' })
    },
  },
])
