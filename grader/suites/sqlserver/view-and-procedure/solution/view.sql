CREATE VIEW reporting.OrderSummary
AS
SELECT
  o.OrderId,
  o.CustomerId,
  c.Name AS CustomerName,
  o.OrderedAt,
  COUNT(*) AS LineCount,
  SUM(l.Quantity) AS ItemCount,
  SUM(l.Quantity * l.UnitPrice) AS OrderTotal
FROM shop.Orders AS o
JOIN shop.Customers AS c ON c.CustomerId = o.CustomerId
JOIN shop.OrderLines AS l ON l.OrderId = o.OrderId
GROUP BY o.OrderId, o.CustomerId, c.Name, o.OrderedAt;
GO
