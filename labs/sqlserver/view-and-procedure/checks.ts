import { defineChecks, fail } from '@backend-labs/lab-kit'
import type { ModuleModel, SqlCheckContext } from '@backend-labs/sql-kit'
import {
  APPLY_TIMEOUT_MS,
  applyLab,
  expectModule,
  expectProvidedScripts,
  LAB_SCRIPTS,
} from './lab-scripts.ts'
import { codeOnly } from './module-text.ts'

export const VIEW_COLUMNS = [
  'OrderId',
  'CustomerId',
  'CustomerName',
  'OrderedAt',
  'LineCount',
  'ItemCount',
  'OrderTotal',
]
const PARAMETERS = ['@CustomerId', '@ProductId', '@Quantity']

/** The view's columns: from the catalog under the live engine, from the syntax tree under the static one. */
async function columnsOf(ctx: SqlCheckContext, view: ModuleModel): Promise<string[] | undefined> {
  if (ctx.sql.engine !== 'live') return view.columns
  const rows = await ctx.sql.query<{ name: string }>(
    "SELECT name FROM sys.columns WHERE object_id = OBJECT_ID(N'reporting.OrderSummary') ORDER BY column_id",
  )
  return rows.map((r) => r.name)
}

export default defineChecks<SqlCheckContext>('public', [
  {
    id: 'scripts-run',
    title: 'view.sql and procedure.sql run without errors after the provided setup.sql and seed.sql',
    points: 1,
    timeoutMs: APPLY_TIMEOUT_MS,
    hints: [`Run ${LAB_SCRIPTS.join(', ')} in this order on your own SQL Server to see the same error.`],
    async run(ctx) {
      await expectProvidedScripts(ctx)
      await applyLab(ctx)
    },
  },
  {
    id: 'view-columns',
    title: `The view reporting.OrderSummary has the columns ${VIEW_COLUMNS.join(', ')}`,
    points: 2,
    needs: ['scripts-run'],
    timeoutMs: APPLY_TIMEOUT_MS,
    async run(ctx) {
      const view = expectModule(await applyLab(ctx), 'view', 'reporting.OrderSummary')
      const where = view.source ? { where: `${view.source.file}:${view.source.line}` } : {}
      const columns = await columnsOf(ctx, view)
      if (!columns)
        fail({
          expected: 'a view of the form CREATE VIEW reporting.OrderSummary AS SELECT … FROM …',
          found: 'a view whose column names the grader cannot read',
          ...where,
          hint: 'name every column in the select list (… AS LineCount) or in a column list after the view name',
        })
      const missing = VIEW_COLUMNS.filter((c) => !columns.some((x) => x.toLowerCase() === c.toLowerCase()))
      if (missing.length)
        fail({
          expected: `reporting.OrderSummary to have the columns ${VIEW_COLUMNS.join(', ')}`,
          found: `${columns.join(', ') || 'no columns'} (missing ${missing.join(', ')})`,
          ...where,
          hint: 'give each computed column its name with AS, e.g. SUM(l.Quantity) AS ItemCount',
        })
    },
  },
  {
    id: 'procedure-exists',
    title: 'The stored procedure shop.PlaceOrder takes @CustomerId, @ProductId and @Quantity',
    points: 1,
    needs: ['scripts-run'],
    timeoutMs: APPLY_TIMEOUT_MS,
    async run(ctx) {
      const proc = expectModule(await applyLab(ctx), 'procedure', 'shop.PlaceOrder')
      const header = codeOnly(proc.definition).split(/\bAS\b/i)[0] ?? ''
      const missing = PARAMETERS.filter((p) => !new RegExp(`${p}\\b`, 'i').test(header))
      if (missing.length)
        fail({
          expected: `shop.PlaceOrder to take the parameters ${PARAMETERS.join(', ')}`,
          found: `no ${missing.join(', ')}`,
          ...(proc.source ? { where: `${proc.source.file}:${proc.source.line}` } : {}),
        })
    },
  },
])
