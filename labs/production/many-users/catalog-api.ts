import {
  type ApiCheckContext,
  type AppOptions,
  expectJsonObject,
  expectStatus,
  type HttpExchange,
  type RunningApp,
  send,
} from '@backend-labs/http-kit'
import { fail } from '@backend-labs/lab-kit'

export const DB_ALIAS = 'db'
/** The starter's own database (seeded the same way by the starter itself): your app cannot slow it. */
export const STARTER_DB_ALIAS = 'starter-db'
/** Both your app and the starter run with these limits, one at a time. */
export const APP_LIMITS = { cpus: 2, memoryBytes: 512 * 1024 * 1024 } as const
/** A demo account the starter creates, and its password. */
export const DEMO_LOGIN = { user: 'ada', password: 'correct horse battery staple' } as const
/** The starter's password hashing (its src/passwords.ts), which the README asks to keep: PBKDF2-HMAC-SHA512. */
export const PBKDF2 = { iterations: 210_000, keyBytes: 64, digest: 'sha512' } as const

function options(env: Record<string, string>): AppOptions {
  return { ...APP_LIMITS, env, readiness: { kind: 'http', path: '/health' }, readyTimeoutMs: 60_000 }
}

/** Your app, on the grader's database. */
export async function catalogApp(ctx: ApiCheckContext): Promise<RunningApp> {
  const db = await ctx.docker.service('postgres', { alias: DB_ALIAS })
  return ctx.docker.app(options(db.connectionEnv))
}

/**
 * The lab's starter, on a database of its own, and your app, on the grader's. The starter is the
 * baseline every speed ratio is measured against; neither can touch the other's data or locks.
 */
export async function starterAndApp(ctx: ApiCheckContext): Promise<{
  starter: RunningApp
  app: RunningApp
  /** Each side's containers, app and database, to pause while the other side is measured. */
  sides: { starter: Pausable[]; app: Pausable[] }
}> {
  const starterDb = await ctx.docker.service('postgres', { alias: STARTER_DB_ALIAS })
  const starter = await ctx.docker.starterApp(options(starterDb.connectionEnv))
  const db = await ctx.docker.service('postgres', { alias: DB_ALIAS })
  const app = await catalogApp(ctx)
  return { starter, app, sides: { starter: [starter, starterDb], app: [app, db] } }
}

/** A container the grader can freeze: an app or a service. */
export type Pausable = Pick<RunningApp, 'pause' | 'unpause'>

/** The answer to GET /products/:id: its status and body. */
export async function productAnswer(
  url: string,
  id: number,
  label: string,
): Promise<{ status: number; body: string }> {
  const x = await send(url, { path: `/products/${id}`, label })
  return { status: x.status, body: x.text }
}

/** The status POST /login answers for these credentials. */
export async function loginStatus(
  url: string,
  user: string,
  password: string,
  label: string,
): Promise<number> {
  const x = await send(url, {
    method: 'POST',
    path: '/login',
    body: { user, password },
    label,
    timeoutMs: 30_000,
  })
  return x.status
}

/** GET /products/:id (sent by the caller) must have answered 200 with `{ id, name, priceCents }`. */
export function expectProduct(x: HttpExchange, id: number): void {
  expectStatus(x, 200, 'keep GET /products/:id as the starter has it')
  const body = expectJsonObject(x)
  if (body.id !== id || typeof body.name !== 'string' || typeof body.priceCents !== 'number')
    fail({
      expected: `product ${id} as { "id": ${id}, "name": "…", "priceCents": … }`,
      found: x.text.slice(0, 200),
      hint: 'keep the answers exactly as the starter gives them',
    })
}
