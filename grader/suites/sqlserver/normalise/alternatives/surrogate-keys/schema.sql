-- Surrogate keys, table-level constraints, a re-runnable schema guard, and the price kept on each line.
IF SCHEMA_ID(N'sales') IS NULL EXEC(N'CREATE SCHEMA sales');
GO

CREATE TABLE sales.Customer (
  Id int IDENTITY(1, 1) NOT NULL,
  FullName nvarchar(120) NOT NULL,
  Email nvarchar(320) NOT NULL,
  City nvarchar(80) NULL,
  CONSTRAINT PK_Customer PRIMARY KEY (Id),
  CONSTRAINT UQ_Customer_Email UNIQUE (Email)
);

CREATE TABLE sales.Product (
  Id int IDENTITY(1, 1) NOT NULL,
  Sku varchar(16) NOT NULL,
  Title nvarchar(120) NOT NULL,
  Category nvarchar(60) NOT NULL,
  ListPrice numeric(12, 2) NOT NULL,
  CONSTRAINT PK_Product PRIMARY KEY (Id),
  CONSTRAINT UQ_Product_Sku UNIQUE (Sku),
  CONSTRAINT CK_Product_ListPrice CHECK (ListPrice >= 0)
);

CREATE TABLE sales.SalesOrder (
  Id int NOT NULL,
  OrderDate date NOT NULL,
  CustomerId int NOT NULL,
  CONSTRAINT PK_SalesOrder PRIMARY KEY (Id),
  CONSTRAINT FK_SalesOrder_Customer FOREIGN KEY (CustomerId) REFERENCES sales.Customer (Id)
);

CREATE TABLE sales.SalesOrderLine (
  Id int IDENTITY(1, 1) NOT NULL,
  SalesOrderId int NOT NULL,
  ProductId int NOT NULL,
  Quantity int NOT NULL,
  UnitPrice numeric(12, 2) NOT NULL,
  CONSTRAINT PK_SalesOrderLine PRIMARY KEY (Id),
  CONSTRAINT FK_SalesOrderLine_Order FOREIGN KEY (SalesOrderId) REFERENCES sales.SalesOrder (Id) ON DELETE CASCADE,
  CONSTRAINT FK_SalesOrderLine_Product FOREIGN KEY (ProductId) REFERENCES sales.Product (Id),
  CONSTRAINT CK_SalesOrderLine_Quantity CHECK (Quantity > 0)
);

CREATE INDEX IX_SalesOrderLine_ProductId ON sales.SalesOrderLine (ProductId);
