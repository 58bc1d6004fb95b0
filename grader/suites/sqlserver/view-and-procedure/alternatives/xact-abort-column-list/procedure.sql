CREATE OR ALTER PROC [shop].[PlaceOrder] (@CustomerId int, @ProductId int, @Quantity int)
AS
SET NOCOUNT, XACT_ABORT ON;
BEGIN TRY
  BEGIN TRAN;
  DECLARE @stock int, @price decimal(10, 2);
  SELECT @stock = Stock, @price = UnitPrice FROM shop.Products WITH (UPDLOCK, HOLDLOCK) WHERE ProductId = @ProductId;
  IF @stock IS NULL OR @stock < @Quantity
  BEGIN
    RAISERROR (N'Only %d in stock.', 16, 1, @stock);
  END
  DECLARE @ids TABLE (OrderId int);
  INSERT INTO shop.Orders (CustomerId) OUTPUT inserted.OrderId INTO @ids VALUES (@CustomerId);
  INSERT INTO shop.OrderLines (OrderId, ProductId, Quantity, UnitPrice)
  SELECT OrderId, @ProductId, @Quantity, @price FROM @ids;
  UPDATE shop.Products SET Stock = Stock - @Quantity WHERE ProductId = @ProductId;
  COMMIT;
  SELECT OrderId FROM @ids;
END TRY
BEGIN CATCH
  IF XACT_STATE() <> 0 ROLLBACK;
  THROW;
END CATCH
GO
