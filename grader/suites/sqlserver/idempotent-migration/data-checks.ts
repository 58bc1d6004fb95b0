import { defineChecks, expectAll, fail } from '@backend-labs/lab-kit'
import {
  expectForeignKey,
  expectTable,
  expectUnique,
  type SqlCheckContext,
  sameName,
} from '@backend-labs/sql-kit'
import {
  APPLY_TIMEOUT_MS,
  applyMigration,
} from '../../../../labs/sqlserver/idempotent-migration/lab-scripts.ts'
import { expectNoDataLoss } from './data-loss.ts'

// What the backfill must produce: one primary row per customer with a usable email, normalised.
const BACKFILL_MISMATCHES = `
WITH expected AS (
  SELECT CustomerId, LOWER(LTRIM(RTRIM(Email))) COLLATE Latin1_General_BIN2 AS Email
  FROM shop.Customers
  WHERE NULLIF(LTRIM(RTRIM(Email)), N'') IS NOT NULL
), actual AS (
  SELECT CustomerId, Email COLLATE Latin1_General_BIN2 AS Email FROM shop.CustomerEmails WHERE IsPrimary = 1
)
SELECT
  (SELECT COUNT(*) FROM expected) AS expectedRows,
  (SELECT COUNT(*) FROM (SELECT CustomerId, Email FROM expected EXCEPT SELECT CustomerId, Email FROM actual) AS d) AS missing,
  (SELECT COUNT(*) FROM (SELECT CustomerId, Email FROM actual EXCEPT SELECT CustomerId, Email FROM expected) AS d) AS unexpected,
  (SELECT COUNT(*) FROM (SELECT CustomerId FROM actual GROUP BY CustomerId HAVING COUNT(*) > 1) AS d) AS duplicated,
  (SELECT TOP (1) CONCAT(a.CustomerId, N': "', a.Email, N'"') FROM actual AS a
     WHERE NOT EXISTS (SELECT 1 FROM expected AS e WHERE e.CustomerId = a.CustomerId AND e.Email = a.Email)
     ORDER BY a.CustomerId) AS example`

// Version-1 customers compared with the copy the grader kept before the migration first ran.
const CUSTOMERS_CHANGED = `
SELECT
  (SELECT COUNT(*) FROM grader.CustomersV1) AS before,
  (SELECT COUNT(*) FROM shop.Customers) AS after,
  (SELECT COUNT(*) FROM (
     SELECT CustomerId, FullName COLLATE Latin1_General_BIN2, Email COLLATE Latin1_General_BIN2,
       City COLLATE Latin1_General_BIN2, CreatedAt FROM grader.CustomersV1
     EXCEPT
     SELECT CustomerId, FullName COLLATE Latin1_General_BIN2, Email COLLATE Latin1_General_BIN2,
       City COLLATE Latin1_General_BIN2, CreatedAt FROM shop.Customers) AS d) AS changed`

// "The app ran for a while": customer 2 added a second, non-primary address after the migration.
const APP_WRITES = `
IF NOT EXISTS (SELECT 1 FROM shop.CustomerEmails WHERE Email = N'second.address@example.org')
  INSERT INTO shop.CustomerEmails (CustomerId, Email, IsPrimary) VALUES (2, N'second.address@example.org', 0)`

export const dataChecks = defineChecks<SqlCheckContext>('hidden', [
  {
    id: 'emails-constraints',
    title: 'shop.CustomerEmails references shop.Customers, keeps Email unique and is indexed by CustomerId',
    points: 2,
    needs: ['emails-table'],
    timeoutMs: APPLY_TIMEOUT_MS,
    async run(ctx) {
      await applyMigration(ctx)
      const model = await ctx.sql.model()
      const t = expectTable(model, 'shop.CustomerEmails')
      const leads = [
        ...t.indexes.filter((i) => !i.filter).map((i) => i.keyColumns),
        ...t.uniqueConstraints.map((u) => u.columns),
        ...(t.primaryKey ? [t.primaryKey.columns] : []),
      ].map((columns) => columns[0]?.name ?? '')
      // every problem at once: a missing foreign key must not hide a missing index until the next try
      expectAll([
        () => expectForeignKey(model, 'shop.CustomerEmails.CustomerId', 'shop.Customers(CustomerId)'),
        () => expectUnique(model, 'shop.CustomerEmails', ['Email']),
        () => {
          if (!leads.some((c) => sameName(c, 'CustomerId')))
            fail({
              expected:
                'an index on shop.CustomerEmails whose first key column is CustomerId (to list the emails of a customer)',
              found: `keys and indexes led by ${leads.join(', ') || 'nothing'}`,
              hint: 'CREATE INDEX IX_CustomerEmails_CustomerId ON shop.CustomerEmails (CustomerId), guarded by IF NOT EXISTS (SELECT 1 FROM sys.indexes …)',
            })
        },
      ])
    },
  },
  {
    id: 'backfill-correct',
    title:
      'Every customer with an email has exactly one primary row in shop.CustomerEmails, trimmed and lower-case',
    points: 3,
    engines: ['live'],
    needs: ['emails-table'],
    timeoutMs: 60_000,
    async run(ctx) {
      await applyMigration(ctx)
      const [r] = await ctx.sql.query<{
        expectedRows: number
        missing: number
        unexpected: number
        duplicated: number
        example: string | null
      }>(BACKFILL_MISMATCHES)
      if (!r) throw new Error('the backfill query returned no row')
      if (r.missing + r.unexpected + r.duplicated === 0) return
      const found = [
        r.missing && `${r.missing} of ${r.expectedRows} customers with an email have no matching primary row`,
        r.unexpected && `${r.unexpected} primary rows hold another value (e.g. customer ${r.example ?? '?'})`,
        r.duplicated && `${r.duplicated} customers have more than one primary row`,
      ].filter(Boolean)
      fail({
        expected:
          'one IsPrimary = 1 row per customer whose Email is not NULL or blank, with Email = LOWER(TRIM(Email))',
        found: found.join('; '),
        hint: 'skip NULL and blank emails, trim and lower-case the rest, and insert a customer only if it has no primary row yet',
      })
    },
  },
  {
    id: 'rerun-keeps-data',
    title: 'Running the migration again keeps every customer as it was and every email row written since',
    points: 3,
    needs: ['migration-reruns'],
    timeoutMs: 60_000,
    async run(ctx) {
      await applyMigration(ctx)
      if (ctx.sql.engine !== 'live') {
        await expectNoDataLoss(ctx)
        return
      }
      await ctx.sql.exec(APP_WRITES)
      const count = async () =>
        (await ctx.sql.query<{ n: number }>('SELECT COUNT(*) AS n FROM shop.CustomerEmails'))[0]?.n ?? 0
      const rowsBefore = await count()
      await ctx.sql.rerun('migration.sql')
      const rowsAfter = await count()
      const [kept] = await ctx.sql.query<{ n: number }>(
        "SELECT COUNT(*) AS n FROM shop.CustomerEmails WHERE CustomerId = 2 AND Email = N'second.address@example.org'",
      )
      const [c] = await ctx.sql.query<{ before: number; after: number; changed: number }>(CUSTOMERS_CHANGED)
      const problems = [
        c &&
          (c.before !== c.after || c.changed > 0) &&
          `shop.Customers changed: ${c.before} rows before the migration, ${c.after} after, ${c.changed} rows differ`,
        (kept?.n ?? 0) === 0 && 'an email the application added after the first run is gone after the second',
        rowsAfter !== rowsBefore &&
          `shop.CustomerEmails had ${rowsBefore} rows before the second run and ${rowsAfter} after it`,
      ].filter(Boolean)
      if (problems.length)
        fail({
          expected: 'a second run to change nothing: the same customers, and every email row kept',
          found: problems.join('; '),
          hint: 'never drop and recreate a table that holds data: guard CREATE TABLE with IF OBJECT_ID(…) IS NULL and insert only missing rows',
        })
    },
  },
])
