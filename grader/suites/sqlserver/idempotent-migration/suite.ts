import { defineSuite } from '@backend-labs/lab-kit'
import type { SqlCheckContext } from '@backend-labs/sql-kit'
import { dataChecks } from './data-checks.ts'

export default defineSuite<SqlCheckContext>({
  checks: dataChecks,
  solution: { dir: 'solution' },
  alternatives: [
    {
      id: 'composite-key-batched',
      title:
        'a composite primary key (CustomerId, Email), table-level constraints and a batched backfill loop',
      dir: 'alternatives/composite-key-batched',
    },
  ],
  fixtures: [
    {
      id: 'no-guards',
      title: 'CREATE TABLE, INSERT and CREATE INDEX without any guard: the second run fails',
      fails: ['migration-reruns'],
      dir: 'fixtures/no-guards',
    },
    {
      id: 'not-normalised',
      title: 'the backfill copies emails as typed (spaces and capitals kept)',
      fails: ['backfill-correct'],
      engines: ['live'],
      dir: 'fixtures/not-normalised',
    },
    {
      id: 'drop-and-recreate',
      title: 'DROP TABLE IF EXISTS then CREATE: re-runs, but loses the rows written since',
      fails: ['rerun-keeps-data'],
      dir: 'fixtures/drop-and-recreate',
    },
    {
      id: 'truncate-and-refill',
      title: 'a guarded CREATE TABLE, then TRUNCATE and a full refill on every run',
      fails: ['rerun-keeps-data'],
      dir: 'fixtures/truncate-and-refill',
    },
    {
      id: 'endless-backfill-loop',
      title: 'a batched backfill WHILE loop that never breaks: stopped by the batch timeout',
      fails: ['migration-runs'],
      engines: ['live'],
      dir: 'fixtures/endless-backfill-loop',
    },
  ],
})
