CREATE PROCEDURE shop.PlaceOrder
  @CustomerId int,
  @ProductId int,
  @Quantity int
AS
BEGIN
  SET NOCOUNT ON;
  BEGIN TRY
    BEGIN TRANSACTION;
    DECLARE @price decimal(10, 2);
    -- Take the stock first: the row stays locked until COMMIT, so two orders cannot both take the last item.
    UPDATE shop.Products
    SET Stock = Stock - @Quantity, @price = UnitPrice
    WHERE ProductId = @ProductId AND Stock >= @Quantity;
    IF @@ROWCOUNT = 0
      THROW 50001, N'Not enough stock for this order (or no such product).', 1;
    INSERT INTO shop.Orders (CustomerId) VALUES (@CustomerId);
    DECLARE @orderId int = CAST(SCOPE_IDENTITY() AS int);
    INSERT INTO shop.OrderLines (OrderId, ProductId, Quantity, UnitPrice)
    VALUES (@orderId, @ProductId, @Quantity, @price);
    COMMIT TRANSACTION;
  END TRY
  BEGIN CATCH
    IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;
    THROW;
  END CATCH
END
GO
