import { CheckFailure, defineChecks, expectAll, fail } from '@backend-labs/lab-kit'
import { analyzeScripts, expectColumn, expectTable, type SqlCheckContext } from '@backend-labs/sql-kit'
import { APPLY_TIMEOUT_MS, applyMigration, expectProvidedScripts, readSubmitted } from './lab-scripts.ts'

const SECOND_RUN =
  'migration.sql to run a second time without errors (the migration may be run again on a database it already migrated)'
const RERUN_HINT =
  "guard each step: IF OBJECT_ID(N'shop.CustomerEmails') IS NULL CREATE TABLE …, IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'…') CREATE INDEX …, and insert only the rows that are not there yet"

/** The static engine reads the scripts with migration.sql twice; the live engine runs it again. */
async function expectSecondRun(ctx: SqlCheckContext): Promise<void> {
  if (ctx.sql.engine === 'live') {
    try {
      await ctx.sql.rerun('migration.sql')
    } catch (error) {
      if (!(error instanceof CheckFailure)) throw error
      const { found, where } = error.details
      fail({
        expected: SECOND_RUN,
        ...(found ? { found } : {}),
        ...(where ? { where } : {}),
        hint: RERUN_HINT,
      })
    }
    return
  }
  const files = ['setup.sql', 'seed.sql', 'migration.sql', 'migration.sql']
  const scripts = await Promise.all(
    files.map(async (file) => ({ file, text: (await readSubmitted(ctx, file)) ?? '' })),
  )
  const issue = analyzeScripts(scripts).issues[0]
  if (issue)
    fail({
      expected: SECOND_RUN,
      found: issue.message,
      where: `${issue.file}:${issue.line}`,
      hint: RERUN_HINT,
    })
}

export default defineChecks<SqlCheckContext>('public', [
  {
    id: 'migration-runs',
    title: 'migration.sql runs without errors on the version-1 database',
    points: 1,
    timeoutMs: APPLY_TIMEOUT_MS,
    hints: ['Run setup.sql, seed.sql and then migration.sql on your own SQL Server to see the same error.'],
    async run(ctx) {
      await expectProvidedScripts(ctx)
      await applyMigration(ctx)
    },
  },
  {
    id: 'emails-table',
    title: 'shop.CustomerEmails exists with CustomerId, Email and IsPrimary as the README describes',
    points: 2,
    needs: ['migration-runs'],
    timeoutMs: APPLY_TIMEOUT_MS,
    async run(ctx) {
      await applyMigration(ctx)
      const model = await ctx.sql.model()
      const table = expectTable(model, 'shop.CustomerEmails')
      // every problem at once: a wrong type must not hide a missing primary key until the next try
      expectAll([
        () => expectColumn(model, 'shop.CustomerEmails', 'CustomerId', { type: 'int', nullable: false }),
        () =>
          expectColumn(model, 'shop.CustomerEmails', 'Email', {
            type: 'nvarchar',
            length: 320,
            nullable: false,
          }),
        () => expectColumn(model, 'shop.CustomerEmails', 'IsPrimary', { type: 'bit', nullable: false }),
        () => {
          if (!table.primaryKey)
            fail({
              expected: 'shop.CustomerEmails to have a primary key',
              found: 'no primary key',
              hint: 'for example CustomerEmailId int IDENTITY(1,1) CONSTRAINT PK_CustomerEmails PRIMARY KEY',
            })
        },
      ])
    },
  },
  {
    id: 'migration-reruns',
    title: 'migration.sql can run a second time on the migrated database without errors',
    points: 2,
    needs: ['migration-runs'],
    timeoutMs: 60_000,
    async run(ctx) {
      await applyMigration(ctx)
      await expectSecondRun(ctx)
    },
  },
])
