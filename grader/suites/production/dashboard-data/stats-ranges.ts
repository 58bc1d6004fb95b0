import type { StatsQuery } from '../../../../labs/production/dashboard-data/dashboard-api.ts'

/** Hours across midnight UTC and the database zone's DST switch, with orders exactly on `from` and `to`. */
export const ACROSS_MIDNIGHT: StatsQuery = {
  from: '2026-03-07T18:00:00Z',
  to: '2026-03-08T12:00:00Z',
  bucket: 'hour',
}
/** Hours that start on a day without a single order. */
export const FROM_EMPTY_DAY: StatsQuery = {
  from: '2026-03-09T20:00:00Z',
  to: '2026-03-10T04:00:00Z',
  bucket: 'hour',
}
/** A week of days: empty days at both ends and one in the middle, an order exactly on `to`. */
export const WEEK: StatsQuery = { from: '2026-03-05T00:00:00Z', to: '2026-03-12T00:00:00Z', bucket: 'day' }
/** Two days, `from` written with a non-UTC offset (it is 2026-03-07T00:00:00Z). */
export const OFFSET_FROM: StatsQuery = {
  from: '2026-03-06T20:30:00-03:30',
  to: '2026-03-09T00:00:00Z',
  bucket: 'day',
}
/** A day no seed order falls on, for an order the grader adds while the app runs. */
export const FRESH_DAY: StatsQuery = {
  from: '2026-03-20T00:00:00Z',
  to: '2026-03-21T00:00:00Z',
  bucket: 'day',
}
export const FRESH_ORDER = { createdAt: '2026-03-20T12:34:56+05:30', totalCents: 4321 }
/**
 * A week no seed order falls on, which the grader fills with BULK_ORDERS orders (one every 2 minutes)
 * before it measures what the database sends for it: per-order data, however packed, is many times
 * a row per bucket.
 */
export const BULK_WEEK: StatsQuery = {
  from: '2026-05-04T00:00:00Z',
  to: '2026-05-11T00:00:00Z',
  bucket: 'day',
}
export const BULK_ORDERS = 5000

export const HOUR_QUERIES = [ACROSS_MIDNIGHT, FROM_EMPTY_DAY]
export const DAY_QUERIES = [WEEK, OFFSET_FROM]
