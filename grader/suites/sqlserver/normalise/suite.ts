import { cp, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineSuite } from '@backend-labs/lab-kit'
import type { SqlCheckContext } from '@backend-labs/sql-kit'
import { normalFormChecks } from './normal-form-checks.ts'

const SUITE_DIR = fileURLToPath(new URL('.', import.meta.url))

/** Fixtures that only break schema.sql take the reference load.sql, so the live engine can load them. */
async function withSolutionLoad(dir: string): Promise<void> {
  await cp(join(SUITE_DIR, 'solution', 'load.sql'), join(dir, 'load.sql'))
}

/**
 * Fixtures whose load.sql is the reference one with a single change: derived here rather than kept as
 * a second 90-line copy. `edit` must change the text, so a fixture cannot silently stop being wrong.
 */
function solutionLoadWith(edit: (text: string) => string): (dir: string) => Promise<void> {
  return async (dir) => {
    const text = await readFile(join(SUITE_DIR, 'solution', 'load.sql'), 'utf8')
    const edited = edit(text)
    if (edited === text) throw new Error('fixture: the edit no longer changes solution/load.sql')
    await writeFile(join(dir, 'load.sql'), edited)
  }
}

export default defineSuite<SqlCheckContext>({
  checks: normalFormChecks,
  solution: { dir: 'solution' },
  alternatives: [
    {
      id: 'surrogate-keys',
      title:
        'IDENTITY keys, table-level constraints, NUMERIC, a schema guard and the price kept on each line',
      dir: 'alternatives/surrogate-keys',
    },
  ],
  fixtures: [
    {
      id: 'flat-table',
      title: 'the spreadsheet copied into one table',
      fails: ['entity-tables'],
      dir: 'fixtures/flat-table',
    },
    {
      id: 'lines-repeat-customer',
      title: 'the order lines also keep the customer email and product name',
      fails: ['third-normal-form'],
      dir: 'fixtures/lines-repeat-customer',
      apply: withSolutionLoad,
    },
    {
      id: 'float-prices',
      title: 'unit prices stored as FLOAT',
      fails: ['money-types'],
      dir: 'fixtures/float-prices',
      apply: withSolutionLoad,
    },
    {
      id: 'missing-fk',
      title: 'order lines do not reference products',
      fails: ['foreign-keys'],
      dir: 'fixtures/missing-fk',
      apply: withSolutionLoad,
    },
    {
      id: 'wrong-schema',
      title: 'every table created in dbo instead of sales',
      fails: ['sales-schema-tables'],
      dir: 'fixtures/wrong-schema',
      apply: solutionLoadWith((text) => text.replace(/\bsales\.(?=[A-Z[])/g, 'dbo.')),
    },
    {
      id: 'empty-script',
      title: 'schema.sql has nothing but a comment',
      fails: ['schema-runs'],
      dir: 'fixtures/empty-script',
      apply: withSolutionLoad,
    },
    {
      id: 'duplicate-orders',
      title: 'load.sql inserts the line of order 1004 twice (counts and total off)',
      fails: ['row-counts', 'grand-total'],
      engines: ['live'],
      dir: 'fixtures/duplicate-orders',
      apply: solutionLoadWith((text) =>
        text.replace("(1018, 'HD-050', 5);", "(1018, 'HD-050', 5),\n  (1004, 'WC-120', 1);"),
      ),
    },
  ],
})
