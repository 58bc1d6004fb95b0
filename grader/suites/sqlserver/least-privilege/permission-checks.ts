import { defineChecks, fail } from '@backend-labs/lab-kit'
import type { SqlCheckContext } from '@backend-labs/sql-kit'
import { LAB_SCRIPTS, USER } from '../../../../labs/sqlserver/least-privilege/lab-scripts.ts'

const VIEWS = ['reporting.DailySales', 'reporting.CustomerRevenue']
const TABLES = ['dbo.Customers', 'dbo.Orders']

/**
 * Tries `SELECT` on each object as the reporting user (EXECUTE AS USER … REVERT, as the owner) and
 * returns, per object, null when it worked or the error number. One result set, whatever happens.
 */
async function selectAs(ctx: SqlCheckContext, objects: string[]): Promise<Map<string, number | null>> {
  const tries = objects
    .map(
      (o, i) => `BEGIN TRY SELECT @n = COUNT(*) FROM ${o}; END TRY
BEGIN CATCH INSERT INTO @outcome (position, errorNumber) VALUES (${i}, ERROR_NUMBER()); END CATCH;`,
    )
    .join('\n')
  const rows = await ctx.sql.query<{ position: number; errorNumber: number }>(`
SET NOCOUNT ON;
DECLARE @n int;
DECLARE @outcome TABLE (position int NOT NULL, errorNumber int NOT NULL);
EXECUTE AS USER = N'${USER}';
${tries}
REVERT;
SELECT position, errorNumber FROM @outcome;`)
  return new Map(objects.map((o, i) => [o, rows.find((r) => r.position === i)?.errorNumber ?? null]))
}

const NEEDS = ['role-created', 'reader-in-role']

export const permissionChecks = defineChecks<SqlCheckContext>('hidden', [
  {
    id: 'reader-can-read-views',
    title: `${USER} can SELECT from every view in the reporting schema`,
    points: 3,
    engines: ['live'],
    needs: NEEDS,
    timeoutMs: 60_000,
    async run(ctx) {
      await ctx.sql.apply(LAB_SCRIPTS)
      const refused = [...(await selectAs(ctx, VIEWS))].filter(([, error]) => error !== null)
      if (refused.length)
        fail({
          expected: `${USER} to read ${VIEWS.join(' and ')}`,
          found: refused.map(([view, error]) => `${view} refused with SQL Server error ${error}`).join('; '),
          hint: 'GRANT SELECT ON SCHEMA::reporting TO the role (or on each view)',
        })
    },
  },
  {
    id: 'reader-denied-base-tables',
    title: `${USER} cannot read the tables behind the views (SQL Server error 229)`,
    points: 3,
    engines: ['live'],
    needs: NEEDS,
    timeoutMs: 60_000,
    async run(ctx) {
      await ctx.sql.apply(LAB_SCRIPTS)
      const readable = [...(await selectAs(ctx, TABLES))].filter(([, error]) => error !== 229)
      if (readable.length)
        fail({
          expected: `SELECT on ${TABLES.join(' and ')} to be denied to ${USER} (error 229)`,
          found: readable
            .map(([table, error]) =>
              error === null ? `${table} can be read` : `${table} fails with error ${error}`,
            )
            .join('; '),
          hint: 'grant on the reporting schema only: the views read the tables through their ownership chain, so the role needs no rights on dbo (and no db_datareader)',
        })
    },
  },
])
