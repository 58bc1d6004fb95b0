import type { SqlCheckContext } from '@backend-labs/sql-kit'

/** What a caller saw when it called shop.PlaceOrder, and what changed in the tables. */
export interface CallOutcome {
  /** The error that reached the caller, or null. */
  error: string | null
  /** Transactions still open after the call returned. */
  openTransactions: number
  newOrders: number
  newLines: number
  stockTaken: number
}

/**
 * Calls the procedure as a client would, inside TRY/CATCH, and records the outcome in a #temp table:
 * the owner session is one connection, so a second query reads it, whatever result sets the
 * procedure itself returns (ctx.sql.query keeps only the first). A transaction the procedure left
 * open is counted, then rolled back.
 */
export async function callPlaceOrder(
  ctx: SqlCheckContext,
  args: { customerId: number; productId: number; quantity: number },
): Promise<CallOutcome> {
  const { customerId, productId, quantity } = args
  await ctx.sql.exec(`
SET NOCOUNT ON;
IF OBJECT_ID(N'tempdb..#call') IS NOT NULL DROP TABLE #call;
CREATE TABLE #call (error nvarchar(4000) NULL, openTransactions int NOT NULL, newOrders int NOT NULL, newLines int NOT NULL, stockTaken int NOT NULL);
DECLARE @orders int = (SELECT COUNT(*) FROM shop.Orders);
DECLARE @lines int = (SELECT COUNT(*) FROM shop.OrderLines);
DECLARE @stock int = (SELECT Stock FROM shop.Products WHERE ProductId = ${productId});
DECLARE @error nvarchar(4000) = NULL;
BEGIN TRY
  EXEC shop.PlaceOrder @CustomerId = ${customerId}, @ProductId = ${productId}, @Quantity = ${quantity};
END TRY
BEGIN CATCH
  SET @error = CONCAT(N'SQL Server error ', ERROR_NUMBER(), N': ', ERROR_MESSAGE());
END CATCH;
DECLARE @open int = @@TRANCOUNT;
IF @@TRANCOUNT > 0 ROLLBACK;
INSERT INTO #call VALUES (@error, @open,
  (SELECT COUNT(*) FROM shop.Orders) - @orders,
  (SELECT COUNT(*) FROM shop.OrderLines) - @lines,
  @stock - (SELECT Stock FROM shop.Products WHERE ProductId = ${productId}));`)
  const [row] = await ctx.sql.query<CallOutcome & Record<string, unknown>>('SELECT * FROM #call')
  if (!row) throw new Error('the call of shop.PlaceOrder recorded no outcome')
  return row
}
