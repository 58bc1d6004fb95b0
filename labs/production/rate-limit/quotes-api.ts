import type { ApiCheckContext, RunningApp } from '@backend-labs/http-kit'

/** The README's limits: the grader starts the app with them in its environment. */
export const LIMITS = { requests: 20, windowSeconds: 10 } as const

/** The environment the README promises. */
export const LIMIT_ENV = {
  RATE_LIMIT: String(LIMITS.requests),
  RATE_WINDOW_SECONDS: String(LIMITS.windowSeconds),
}

/** The learner's app, limits set; `trustedProxy` starts a second one that trusts that address. */
export function quotesApp(ctx: ApiCheckContext, trustedProxy?: string): Promise<RunningApp> {
  return ctx.docker.app({
    readiness: { kind: 'http', path: '/health' },
    ...(trustedProxy
      ? { key: 'behind-proxy', env: { ...LIMIT_ENV, TRUSTED_PROXY: trustedProxy } }
      : { env: LIMIT_ENV }),
  })
}

/** A fresh symbol per use, so tests do not share a cached price. */
export const QUOTE_PATH = '/api/quote?symbol=ACME'
