import { defineChecks, fail } from '@backend-labs/lab-kit'
import { effectivePermission, type SqlCheckContext } from '@backend-labs/sql-kit'
import { LAB_SCRIPTS, USER } from '../../../../labs/sqlserver/least-privilege/lab-scripts.ts'

const VIEWS = ['reporting.DailySales', 'reporting.CustomerRevenue']
const TABLES = ['dbo.Customers', 'dbo.Orders']

/**
 * Tries `SELECT` on each object as the reporting user (EXECUTE AS USER … REVERT, as the owner) and
 * returns, per object, null when it worked or the error number. One result set, whatever happens.
 */
async function selectAs(ctx: SqlCheckContext, objects: string[]): Promise<Map<string, number | null>> {
  if (ctx.sql.engine !== 'live') return selectFromModel(ctx, objects)
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

// SQL Server's "The SELECT permission was denied on the object", as the live engine reports it.
const PERMISSION_DENIED = 229

/**
 * The static engine's answer to the same question: the permissions model derived from the script's
 * GRANT/DENY/REVOKE and role memberships. The views and tables share the owner dbo, so (as on the
 * server) only the right on the object the user names counts.
 */
async function selectFromModel(ctx: SqlCheckContext, objects: string[]): Promise<Map<string, number | null>> {
  const model = await ctx.sql.model()
  return new Map(
    objects.map((o) => [o, effectivePermission(model, USER, 'SELECT', o).allowed ? null : PERMISSION_DENIED]),
  )
}

/** Why the static engine lets USER read the object: the statement and where it is. */
async function becauseOf(ctx: SqlCheckContext, object: string): Promise<string> {
  if (ctx.sql.engine === 'live') return ''
  const verdict = effectivePermission(await ctx.sql.model(), USER, 'SELECT', object)
  const where = verdict.source ? ` at ${verdict.source.file}:${verdict.source.line}` : ''
  return ` (${verdict.because}${where})`
}

const NEEDS = ['role-created', 'reader-in-role']

export const permissionChecks = defineChecks<SqlCheckContext>('hidden', [
  {
    id: 'reader-can-read-views',
    title: `${USER} can SELECT from every view in the reporting schema`,
    points: 3,
    needs: NEEDS,
    timeoutMs: 60_000,
    async run(ctx) {
      await ctx.sql.apply(LAB_SCRIPTS)
      const refused = [...(await selectAs(ctx, VIEWS))].filter(([, error]) => error !== null)
      if (refused.length)
        fail({
          expected: `${USER} to read ${VIEWS.join(' and ')}`,
          found: (
            await Promise.all(
              refused.map(async ([view, error]) =>
                ctx.sql.engine === 'live'
                  ? `${view} refused with SQL Server error ${error}`
                  : `${view} cannot be read${await becauseOf(ctx, view)}`,
              ),
            )
          ).join('; '),
          hint: 'GRANT SELECT ON SCHEMA::reporting TO the role (or on each view)',
        })
    },
  },
  {
    id: 'reader-denied-base-tables',
    title: `${USER} cannot read the tables behind the views (SQL Server error 229)`,
    points: 3,
    needs: NEEDS,
    timeoutMs: 60_000,
    async run(ctx) {
      await ctx.sql.apply(LAB_SCRIPTS)
      const readable = [...(await selectAs(ctx, TABLES))].filter(([, error]) => error !== PERMISSION_DENIED)
      if (readable.length) {
        const found = await Promise.all(
          readable.map(async ([table, error]) =>
            error === null
              ? `${table} can be read${await becauseOf(ctx, table)}`
              : `${table} fails with error ${error}`,
          ),
        )
        fail({
          expected: `SELECT on ${TABLES.join(' and ')} to be denied to ${USER} (error 229)`,
          found: found.join('; '),
          hint: 'grant on the reporting schema only: the views read the tables through their ownership chain, so the role needs no rights on dbo (and no db_datareader)',
        })
      }
    },
  },
])
