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
/** Both your app and the starter run with these limits, one at a time. */
export const APP_LIMITS = { cpus: 2, memoryBytes: 512 * 1024 * 1024 } as const
/** A demo account the starter creates, and its password. */
export const DEMO_LOGIN = { user: 'ada', password: 'correct horse battery staple' } as const

function options(env: Record<string, string>): AppOptions {
  return { ...APP_LIMITS, env, readiness: { kind: 'http', path: '/health' }, readyTimeoutMs: 60_000 }
}

/** Your app, on the grader's database. */
export async function catalogApp(ctx: ApiCheckContext): Promise<RunningApp> {
  const db = await ctx.docker.service('postgres', { alias: DB_ALIAS })
  return ctx.docker.app(options(db.connectionEnv))
}

/**
 * The lab's starter and your app on the same database, started one after the other (both create
 * the same tables at start). The starter is the baseline every speed ratio is measured against.
 */
export async function starterAndApp(ctx: ApiCheckContext): Promise<{ starter: RunningApp; app: RunningApp }> {
  const db = await ctx.docker.service('postgres', { alias: DB_ALIAS })
  const starter = await ctx.docker.starterApp(options(db.connectionEnv))
  return { starter, app: await catalogApp(ctx) }
}

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
