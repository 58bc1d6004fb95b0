import { fail } from '@backend-labs/lab-kit'
import { analyzeScripts, type SqlCheckContext } from '@backend-labs/sql-kit'
import { readSubmitted } from '../../../../labs/sqlserver/idempotent-migration/lab-scripts.ts'

/**
 * The static engine's reading of "a second run keeps the data": version 1, the migration, the
 * migration again, and every statement of the migration that throws away rows the scripts wrote
 * (DROP TABLE or TRUNCATE of a table holding rows, recreated or not). A real server remains the
 * authority where it runs; it also sees rows the application wrote in between.
 */
export async function expectNoDataLoss(ctx: SqlCheckContext): Promise<void> {
  const files = ['setup.sql', 'seed.sql', 'migration.sql', 'migration.sql']
  const scripts = await Promise.all(
    files.map(async (file) => ({ file, text: (await readSubmitted(ctx, file)) ?? '' })),
  )
  const losses = analyzeScripts(scripts).dataLoss.filter((l) => l.file === 'migration.sql')
  const [first] = losses
  if (!first) return
  fail({
    expected: 'a second run of migration.sql to keep every row the first run (and the application) wrote',
    found: losses
      .map(
        (l) =>
          `${l.how === 'drop' ? 'DROP TABLE' : 'TRUNCATE TABLE'} ${l.table} at ${l.file}:${l.line} throws away the rows written at ${l.rowsFrom.file}:${l.rowsFrom.line}`,
      )
      .join('; '),
    where: `${first.file}:${first.line}`,
    hint: 'never drop, recreate or truncate a table that holds data: guard CREATE TABLE with IF OBJECT_ID(…) IS NULL and insert only the missing rows (WHERE NOT EXISTS …)',
  })
}
