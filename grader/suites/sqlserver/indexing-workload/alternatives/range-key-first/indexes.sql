-- Q1: equality on CustomerId, then the ORDER BY column; INCLUDE the rest so no key lookup is needed.
CREATE INDEX IX_Orders_CustomerId_OrderedAt ON shop.Orders (CustomerId, OrderedAt DESC) INCLUDE (TotalAmount);
GO
-- Q2: equality on Status first, then the OrderedAt range; CustomerId included (OrderId is the clustered key).
CREATE INDEX IX_Orders_OrderedAt_Status ON shop.Orders (OrderedAt, Status) INCLUDE (CustomerId);
GO
-- Q3: an email belongs to one customer.
CREATE UNIQUE INDEX UX_Customers_Email ON shop.Customers (Email) INCLUDE (FullName);
GO
