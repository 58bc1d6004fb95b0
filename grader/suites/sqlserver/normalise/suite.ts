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

/**
 * Fixtures that are the reference solution with one change to schema.sql (load.sql unchanged), so a
 * fixture cannot drift from the solution it breaks. `edit` must change the text.
 */
function solutionSchemaWith(edit: (text: string) => string): (dir: string) => Promise<void> {
  return async (dir) => {
    const text = await readFile(join(SUITE_DIR, 'solution', 'schema.sql'), 'utf8')
    const edited = edit(text)
    if (edited === text) throw new Error('fixture: the edit no longer changes solution/schema.sql')
    await writeFile(join(dir, 'schema.sql'), edited)
    await withSolutionLoad(dir)
  }
}

const QUANTITY_CHECK = 'CHECK (Quantity > 0)'

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
      id: 'quantity-zero-allowed',
      title: 'CHECK (Quantity >= 0): a CHECK on the quantity, but a quantity of 0 gets through',
      fails: ['column-rules'],
      apply: solutionSchemaWith((t) => t.replace(QUANTITY_CHECK, 'CHECK (Quantity >= 0)')),
    },
    {
      id: 'quantity-upper-bound-only',
      title: 'CHECK (Quantity <= 1000): an upper bound only, so 0 and negative quantities get through',
      fails: ['column-rules'],
      apply: solutionSchemaWith((t) => t.replace(QUANTITY_CHECK, 'CHECK (Quantity <= 1000)')),
    },
    {
      id: 'quantity-not-null-check',
      title: 'CHECK (Quantity IS NOT NULL): a CHECK that refuses no quantity at all',
      fails: ['column-rules'],
      apply: solutionSchemaWith((t) => t.replace(QUANTITY_CHECK, 'CHECK (Quantity IS NOT NULL)')),
    },
    {
      id: 'email-varchar-and-quantity-zero',
      title: 'two mistakes in one check: Email as VARCHAR and CHECK (Quantity >= 0), both reported',
      fails: ['column-rules'],
      apply: solutionSchemaWith((t) =>
        t
          .replace('Email nvarchar(254)', 'Email varchar(254)')
          .replace(QUANTITY_CHECK, 'CHECK (Quantity >= 0)'),
      ),
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
