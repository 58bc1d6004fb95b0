import {
  type ApiCheckContext,
  expectJsonObject,
  expectStatus,
  type RunningApp,
  type RunningService,
  send,
} from '@backend-labs/http-kit'
import { EnvironmentError, fail } from '@backend-labs/lab-kit'
import { psql } from './database-exec.ts'
import { LOCAL_TIME_ZONE, SEED_ORDERS, seedSql } from './order-seed.ts'

export const DB_ALIAS = 'db'

export interface StatsQuery {
  from: string
  to: string
  bucket: 'hour' | 'day'
}

/** One bucket as the app answered it, its start read as an instant. */
export interface AnsweredPoint {
  startMs: number
  start: string
  orders: number
  revenueCents: number
}

const seeded = new Map<string, Promise<void>>()

/**
 * Turns pg_stat_statements on (a server setting: one restart) and writes the seed, once per database
 * container, before any app connects.
 */
function seedOnce(db: RunningService): Promise<void> {
  let done = seeded.get(db.containerId)
  if (!done) {
    done = (async () => {
      const altered = await psql(db, "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'")
      if (!altered?.includes('ALTER SYSTEM')) throw notSeeded(`ALTER SYSTEM said: ${altered ?? 'nothing'}`)
      await db.restart()
      const out = await psql(db, seedSql(), 120_000)
      if (!out?.includes(`seeded ${SEED_ORDERS.length}`)) throw notSeeded(out ?? 'no output')
    })()
    seeded.set(db.containerId, done)
  }
  return done
}

function notSeeded(detail: string): EnvironmentError {
  return new EnvironmentError(
    `The grader could not prepare its database (${detail.slice(0, 300)}).`,
    'This is not your fault. Run `pnpm labs doctor`, then grade again.',
  )
}

/** The grader's seeded database and the app connected to it, in a time zone other than UTC. */
export async function dashboardWithDatabase(
  ctx: ApiCheckContext,
): Promise<{ db: RunningService; app: RunningApp }> {
  const db = await ctx.docker.service('postgres', { alias: DB_ALIAS })
  await seedOnce(db)
  const app = await ctx.docker.app({
    env: { ...db.connectionEnv, TZ: LOCAL_TIME_ZONE },
    readiness: { kind: 'http', path: '/health' },
    // a loaded machine can take longer than the default 30 s to start Node
    readyTimeoutMs: 120_000,
  })
  return { db, app }
}

export function statsPath(query: StatsQuery, chart = false): string {
  const params = new URLSearchParams({ from: query.from, to: query.to, bucket: query.bucket })
  return `/api/stats/orders${chart ? '/chart' : ''}?${params}`
}

export function describeQuery(query: StatsQuery): string {
  return `${query.bucket} buckets from ${query.from} to ${query.to}`
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/

/** GET /api/stats/orders for `query`: 200, JSON, and a `series` of well-formed buckets. */
export async function fetchSeries(url: string, query: StatsQuery, label: string): Promise<AnsweredPoint[]> {
  const x = await send(url, { path: statsPath(query), label, timeoutMs: 30_000 })
  expectStatus(x, 200, 'answer 200 with the series for a valid range')
  const series = expectJsonObject(x).series
  if (!Array.isArray(series))
    fail({
      expected: 'a JSON object with a "series" array',
      found: JSON.stringify(series)?.slice(0, 200) ?? 'no "series"',
      where: label,
    })
  return series.map((point: unknown, i): AnsweredPoint => {
    const p = (point ?? {}) as Record<string, unknown>
    const problems: string[] = []
    if (typeof p.start !== 'string' || !INSTANT.test(p.start))
      problems.push('"start" must be an ISO 8601 instant with its offset, e.g. 2026-03-07T18:00:00.000Z')
    if (!Number.isInteger(p.orders) || (p.orders as number) < 0)
      problems.push('"orders" must be an integer ≥ 0 (0 for an empty bucket, never null)')
    if (!Number.isInteger(p.revenueCents) || (p.revenueCents as number) < 0)
      problems.push('"revenueCents" must be an integer ≥ 0 (0 for an empty bucket, never null)')
    if (problems.length)
      fail({
        expected: problems.join('; '),
        found: `series[${i}] = ${JSON.stringify(point)?.slice(0, 200)}`,
        where: label,
      })
    return {
      startMs: Date.parse(p.start as string),
      start: p.start as string,
      orders: p.orders as number,
      revenueCents: p.revenueCents as number,
    }
  })
}
