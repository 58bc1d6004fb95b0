-- The same rules, written differently: table-level constraints, constraints added afterwards,
-- the status list as OR, the price rule as 0 < Price, an extra index, re-runnable guards.

IF SCHEMA_ID(N'shop') IS NULL EXEC(N'CREATE SCHEMA shop');
GO

IF OBJECT_ID(N'shop.Customers', N'U') IS NULL
CREATE TABLE shop.Customers (
  CustomerId int IDENTITY(1, 1) NOT NULL,
  Email nvarchar(254) NOT NULL,
  Name nvarchar(100) NOT NULL,
  CONSTRAINT PK_Customer PRIMARY KEY CLUSTERED (CustomerId),
  CONSTRAINT AK_Customer_Email UNIQUE NONCLUSTERED (Email)
);
GO

CREATE TABLE shop.Products (
  ProductId int IDENTITY(1, 1) NOT NULL,
  Name nvarchar(100) NOT NULL,
  Price decimal(10, 2) NOT NULL,
  CONSTRAINT PK_Product PRIMARY KEY (ProductId),
  CONSTRAINT Price_Positive CHECK (0 < Price)
);

CREATE TABLE shop.Orders (
  OrderId int IDENTITY(1, 1) NOT NULL,
  CustomerId int NOT NULL,
  OrderedAt datetime2(0) NOT NULL,
  Status varchar(20) NOT NULL,
  CONSTRAINT PK_Order PRIMARY KEY (OrderId)
);

CREATE TABLE shop.OrderLines (
  OrderId int NOT NULL,
  LineNumber int NOT NULL,
  ProductId int NOT NULL,
  Quantity int NOT NULL,
  CONSTRAINT PK_OrderLine PRIMARY KEY (OrderId, LineNumber)
);
GO

ALTER TABLE shop.Orders ADD CONSTRAINT Order_Customer
  FOREIGN KEY (CustomerId) REFERENCES shop.Customers (CustomerId);
ALTER TABLE shop.Orders ADD CONSTRAINT Order_Status_Default DEFAULT ('new') FOR Status;
ALTER TABLE shop.Orders WITH CHECK ADD CONSTRAINT Order_Status_Known
  CHECK (Status = 'new' OR Status = 'paid' OR Status = 'shipped' OR Status = 'cancelled');
ALTER TABLE shop.OrderLines ADD
  CONSTRAINT OrderLine_Order FOREIGN KEY (OrderId) REFERENCES shop.Orders (OrderId) ON DELETE CASCADE,
  CONSTRAINT OrderLine_Product FOREIGN KEY (ProductId) REFERENCES shop.Products (ProductId) ON DELETE NO ACTION;

CREATE INDEX IX_OrderLines_ProductId ON shop.OrderLines (ProductId);
