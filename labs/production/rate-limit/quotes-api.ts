import { pbkdf2 } from 'node:crypto'
import { promisify } from 'node:util'
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

/** The quote every check asks for. */
export const QUOTE_PATH = '/api/quote?symbol=ACME'

/**
 * The price the starter's model gives a symbol (the same model, computed here off the event loop):
 * an app must keep pricing quotes, not answer a made-up number.
 */
export async function modelPrice(symbol: string): Promise<number> {
  const digest = await promisify(pbkdf2)(symbol, 'quotes-api-model', 32_000, 8, 'sha256')
  return (1000 + (digest.readUInt32BE(0) % 99_000)) / 100
}
