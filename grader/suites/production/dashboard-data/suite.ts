import type { ApiCheckContext } from '@backend-labs/http-kit'
import { defineChecks, defineSuite } from '@backend-labs/lab-kit'
import { copyOver, patches, patchFile } from '../../docker/rest-contract/fixture-patch.ts'
import { chartChecks } from './chart-checks.ts'
import { databaseChecks, seriesChecks } from './series-checks.ts'

// Fixtures are the classic wrong fixes, each patched into a correct submission.
export default defineSuite<ApiCheckContext>({
  checks: defineChecks<ApiCheckContext>('hidden', [...seriesChecks, ...chartChecks, ...databaseChecks]),
  solution: { dir: 'solution' },
  alternatives: [
    {
      id: 'date-bin-fill-in-js',
      title: 'date_bin() and GROUP BY in SQL, empty buckets filled in JavaScript; an ordinal x axis',
      dir: 'alternatives/date-bin-fill-in-js',
    },
  ],
  fixtures: [
    {
      id: 'session-time-zone',
      title: 'bucket bounds compared as local timestamps: the database session is not in UTC',
      fails: ['hourly-values', 'daily-values'],
      dir: 'solution',
      apply: patches(
        patchFile('src/stats.ts', "o.created_at >= (s.start AT TIME ZONE 'UTC')", 'o.created_at >= s.start'),
        patchFile(
          'src/stats.ts',
          "o.created_at < ((s.start + $3::interval) AT TIME ZONE 'UTC')",
          'o.created_at < s.start + $3::interval',
        ),
      ),
    },
    {
      id: 'no-zero-fill',
      title: 'GROUP BY alone: buckets without orders are missing',
      fails: ['bucket-list'],
      dir: 'alternatives/date-bin-fill-in-js',
      apply: patchFile('src/stats.ts', 'return fillGaps(range, found)', 'return [...found.values()]'),
    },
    {
      id: 'inclusive-to',
      title: '`to` included: one bucket too many, holding the orders placed exactly at `to`',
      fails: ['bucket-list'],
      dir: 'solution',
      apply: patchFile(
        'src/stats.ts',
        "$2::timestamptz AT TIME ZONE 'UTC' - $3::interval",
        "$2::timestamptz AT TIME ZONE 'UTC'",
      ),
    },
    {
      id: 'fetch-all-rows',
      title: 'right numbers, but every order of the range fetched and counted in JavaScript',
      fails: ['in-database'],
      dir: 'solution',
      apply: copyOver(new URL('fixtures/fetch-all-rows/', import.meta.url)),
    },
    {
      id: 'orders-in-one-row',
      title: 'every order of the range packed into one row (json_agg) and counted in JavaScript',
      fails: ['in-database'],
      dir: 'solution',
      apply: copyOver(new URL('fixtures/orders-in-one-row/', import.meta.url)),
    },
    {
      id: 'chart-wrong-field',
      title: 'the chart plots revenueCents instead of orders',
      fails: ['chart-marks'],
      dir: 'solution',
      apply: patchFile('src/chart.ts', "y: { field: 'orders'", "y: { field: 'revenueCents'"),
    },
    {
      id: 'chart-drops-empty-buckets',
      title: 'the chart filters out empty buckets: fewer bars than buckets',
      fails: ['chart-marks'],
      dir: 'solution',
      apply: patchFile('src/chart.ts', 'values: series', 'values: series.filter((p) => p.orders > 0)'),
    },
  ],
})
