/**
 * The orders the grader writes into its database before your app starts: a few days of random
 * orders (the same every run) with empty hours and an empty day, plus rows placed on purpose at the
 * edges that matter: exactly on bucket boundaries, a millisecond before midnight UTC, around the
 * daylight saving switch of the database's time zone, and written with offsets other than UTC.
 */
export interface SeedOrder {
  /** The timestamp as written in the INSERT (PostgreSQL stores the instant). */
  createdAt: string
  totalCents: number
}

/** The database's and the app container's time zone: not UTC, a half-hour offset, and a DST switch on 2026-03-08. */
export const LOCAL_TIME_ZONE = 'America/St_Johns'

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS
const FIRST_DAY = Date.parse('2026-03-06T00:00:00Z')
const DAYS = 5
/** No orders on this UTC day at all. */
const EMPTY_DAY = Date.parse('2026-03-09T00:00:00Z')
/** No orders in these UTC hours on any day. */
const EMPTY_HOURS = new Set([8, 9, 10])
const OFFSETS_MIN = [0, -210, 345, -150, 60]

const EDGE_ORDERS: SeedOrder[] = [
  { createdAt: '2026-03-07T18:00:00Z', totalCents: 1000 },
  { createdAt: '2026-03-07T23:59:59.999Z', totalCents: 2500 },
  { createdAt: '2026-03-08T00:00:00Z', totalCents: 4000 },
  { createdAt: '2026-03-07T20:30:00-03:30', totalCents: 1500 },
  { createdAt: '2026-03-08T05:00:00+05:00', totalCents: 900 },
  { createdAt: '2026-03-08T05:29:59.999Z', totalCents: 700 },
  { createdAt: '2026-03-08T03:00:00-02:30', totalCents: 1100 },
  { createdAt: '2026-03-08T12:00:00Z', totalCents: 3000 },
  { createdAt: '2026-03-08T09:30:00-02:30', totalCents: 3300 },
  { createdAt: '2026-03-10T00:00:00+00:00', totalCents: 1200 },
  { createdAt: '2026-03-11T23:59:59Z', totalCents: 800 },
  { createdAt: '2026-03-12T00:00:00Z', totalCents: 5000 },
]

/** mulberry32: a small seeded generator, so the seed is the same on every run. */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** An instant written in a fixed offset, e.g. 2026-03-07T20:30:00.000-03:30. */
export function withOffset(instantMs: number, offsetMin: number): string {
  if (offsetMin === 0) return new Date(instantMs).toISOString()
  const local = new Date(instantMs + offsetMin * 60_000).toISOString().slice(0, -1)
  const sign = offsetMin < 0 ? '-' : '+'
  const abs = Math.abs(offsetMin)
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}

function randomOrders(): SeedOrder[] {
  const next = random(20260308)
  const orders: SeedOrder[] = []
  for (let hour = 0; hour < DAYS * 24; hour++) {
    const hourStart = FIRST_DAY + hour * HOUR_MS
    if (hourStart >= EMPTY_DAY && hourStart < EMPTY_DAY + DAY_MS) continue
    if (EMPTY_HOURS.has(new Date(hourStart).getUTCHours())) continue
    const count = Math.floor(next() * 8)
    for (let i = 0; i < count; i++) {
      const at = hourStart + Math.floor(next() * HOUR_MS)
      const offset = OFFSETS_MIN[orders.length % OFFSETS_MIN.length] ?? 0
      orders.push({ createdAt: withOffset(at, offset), totalCents: 500 + Math.floor(next() * 19_500) })
    }
  }
  return orders
}

export const SEED_ORDERS: readonly SeedOrder[] = [...randomOrders(), ...EDGE_ORDERS]

/** The SQL that creates and fills the table (one transaction); it ends by printing `seeded <count>`. */
export function seedSql(orders: readonly SeedOrder[] = SEED_ORDERS): string {
  const values = orders.map((o) => `('${o.createdAt}', ${Math.trunc(o.totalCents)})`).join(',\n')
  return [
    'CREATE EXTENSION IF NOT EXISTS pg_stat_statements',
    `ALTER DATABASE app SET timezone TO '${LOCAL_TIME_ZONE}'`,
    'CREATE TABLE orders (id SERIAL PRIMARY KEY, created_at TIMESTAMPTZ NOT NULL, total_cents INTEGER NOT NULL)',
    'CREATE INDEX orders_created_at ON orders (created_at)',
    `INSERT INTO orders (created_at, total_cents) VALUES\n${values}`,
    'ANALYZE orders',
    `SELECT 'seeded ' || count(*) FROM orders`,
  ].join(';\n')
}
