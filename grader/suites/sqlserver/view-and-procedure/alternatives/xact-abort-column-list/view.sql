CREATE OR ALTER VIEW [reporting].[OrderSummary] (OrderId, CustomerId, CustomerName, OrderedAt, LineCount, ItemCount, OrderTotal)
AS
WITH lines AS (
  SELECT OrderId, COUNT(*) AS n, SUM(Quantity) AS items, SUM(Quantity * UnitPrice) AS total
  FROM shop.OrderLines
  GROUP BY OrderId
)
SELECT o.OrderId, o.CustomerId, c.Name, o.OrderedAt, l.n, l.items, l.total
FROM shop.Orders o
INNER JOIN lines l ON l.OrderId = o.OrderId
INNER JOIN shop.Customers c ON c.CustomerId = o.CustomerId;
GO
