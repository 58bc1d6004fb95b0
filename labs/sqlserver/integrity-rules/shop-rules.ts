import { fail } from '@backend-labs/lab-kit'
import type { ProbeOutcome, SqlCheckContext } from '@backend-labs/sql-kit'

export const SCHEMA_FILES = ['schema.sql']
export const STATUSES = ['new', 'paid', 'shipped', 'cancelled']

// Rows every probe starts from: one customer with one order of one line. If the learner's rules
// refuse them, the probe stops with error 50001 and SQL Server's reason (see `runShopProbe`).
const SETUP = `SET NOCOUNT ON;
DECLARE @customer int, @product int, @order int;
BEGIN TRY
  INSERT INTO shop.Customers (Name, Email) VALUES (N'Probe Customer', N'probe.customer@example.test');
  SET @customer = SCOPE_IDENTITY();
  INSERT INTO shop.Products (Name, Price) VALUES (N'Probe Product', 10.00);
  SET @product = SCOPE_IDENTITY();
  INSERT INTO shop.Orders (CustomerId, OrderedAt, Status) VALUES (@customer, SYSUTCDATETIME(), 'new');
  SET @order = SCOPE_IDENTITY();
  INSERT INTO shop.OrderLines (OrderId, LineNumber, ProductId, Quantity) VALUES (@order, 1, @product, 2);
END TRY
BEGIN CATCH
  DECLARE @reason nvarchar(2048) = ERROR_MESSAGE();
  THROW 50001, @reason, 1;
END CATCH;
`
const SETUP_FAILED = 50001

/**
 * Runs `action` after the shared setup, as the learner, rolled back. A refused setup fails the check
 * in learner terms (the rules are stricter than the README), never as the action's outcome.
 */
export async function runShopProbe(ctx: SqlCheckContext, action: string): Promise<ProbeOutcome> {
  await ctx.sql.apply(SCHEMA_FILES)
  const outcome = await ctx.sql.probe(`${SETUP}${action}`)
  if (outcome.status === 'rejected' && outcome.errorNumber === SETUP_FAILED)
    fail({
      expected: 'a valid customer, product, order and order line to be accepted',
      found: `the database refused them: ${outcome.message}`,
      hint: 'one of your constraints is stricter than the README asks',
    })
  return outcome
}

/** Fails when a DEFAULT is not exactly the literal `value`. */
export function expectDefaultLiteral(found: string | undefined, value: string, where: string): void {
  const literal = found?.match(/^\(*\s*N?'((?:[^']|'')*)'\s*\)*$/i)?.[1]
  if (literal !== value)
    fail({
      expected: `a DEFAULT of '${value}' on ${where}`,
      found: found === undefined ? 'no DEFAULT' : `DEFAULT ${found}`,
      hint: `add CONSTRAINT DF_… DEFAULT '${value}' to the column`,
    })
}
