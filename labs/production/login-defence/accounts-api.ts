import {
  type ApiCheckContext,
  expectStatus,
  type HttpExchange,
  type RunningApp,
  type RunningService,
  send,
} from '@backend-labs/http-kit'

export const DB_ALIAS = 'db'
/**
 * The sign-in window the grader configures (LOGIN_WINDOW_MS): short, so that a lock's end can be
 * awaited, yet long enough that a busy machine still fits a burst of failures into it.
 */
export const WINDOW_MS = 30_000
/** How long past the window the grader waits before it expects a lock to have ended. */
export const WINDOW_MARGIN_MS = 3_000
export const MAX_ACCOUNT_FAILURES = 5
export const MAX_ADDRESS_FAILURES = 10
/** Each sign-in runs a deliberately slow hash: on a busy machine it can take a while. */
const REQUEST_TIMEOUT_MS = 30_000

/** The grader's database and the app connected to it, with the short sign-in window. */
export async function accountsApp(ctx: ApiCheckContext): Promise<{ db: RunningService; app: RunningApp }> {
  const db = await ctx.docker.service('postgres', { alias: DB_ALIAS })
  const app = await ctx.docker.app({
    env: { ...db.connectionEnv, LOGIN_WINDOW_MS: String(WINDOW_MS) },
    readiness: { kind: 'http', path: '/health' },
  })
  return { db, app }
}

/**
 * A client address in 198.18.0.0/15 (reserved for tests), as the load balancer reports it: the last
 * entry of X-Forwarded-For. `group` keeps each check's clients apart.
 */
export function clientAddress(group: number, n: number): string {
  return `198.18.${group}.${n}`
}

/** Registers an account; it must answer 201. */
export async function register(url: string, username: string, password: string): Promise<void> {
  const x = await send(url, {
    method: 'POST',
    path: '/users',
    body: { username, password },
    label: `registering the account "${username}"`,
    timeoutMs: REQUEST_TIMEOUT_MS,
  })
  expectStatus(x, 201, 'keep POST /users as the starter has it')
}

export interface Attempt {
  username: string
  password: string
  /** The client's address: the last X-Forwarded-For entry. */
  address: string
  /** Entries the client itself put in front (a spoofing attacker); the load balancer appends `address`. */
  spoofed?: string
  label: string
}

/** One sign-in attempt, as the load balancer forwards it. */
export function attemptSignIn(url: string, attempt: Attempt): Promise<HttpExchange> {
  const forwarded = attempt.spoofed ? `${attempt.spoofed}, ${attempt.address}` : attempt.address
  return send(url, {
    method: 'POST',
    path: '/login',
    body: { username: attempt.username, password: attempt.password },
    headers: { 'x-forwarded-for': forwarded },
    label: attempt.label,
    timeoutMs: REQUEST_TIMEOUT_MS,
  })
}
