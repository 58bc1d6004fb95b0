-- schema.sql: the shop, with its integrity rules declared on the columns.

CREATE SCHEMA shop;
GO

CREATE TABLE shop.Customers (
  CustomerId int IDENTITY(1, 1) NOT NULL PRIMARY KEY,
  Name nvarchar(100) NOT NULL,
  Email nvarchar(254) NOT NULL CONSTRAINT UQ_Customers_Email UNIQUE
);

CREATE TABLE shop.Products (
  ProductId int IDENTITY(1, 1) NOT NULL PRIMARY KEY,
  Name nvarchar(100) NOT NULL,
  Price decimal(10, 2) NOT NULL CONSTRAINT CK_Products_Price CHECK (Price > 0)
);

CREATE TABLE shop.Orders (
  OrderId int IDENTITY(1, 1) NOT NULL PRIMARY KEY,
  CustomerId int NOT NULL
    CONSTRAINT FK_Orders_Customers REFERENCES shop.Customers (CustomerId) ON DELETE NO ACTION,
  OrderedAt datetime2(0) NOT NULL,
  Status varchar(20) NOT NULL
    CONSTRAINT DF_Orders_Status DEFAULT 'new'
    CONSTRAINT CK_Orders_Status CHECK (Status IN ('new', 'paid', 'shipped', 'cancelled'))
);

CREATE TABLE shop.OrderLines (
  OrderId int NOT NULL
    CONSTRAINT FK_OrderLines_Orders REFERENCES shop.Orders (OrderId) ON DELETE CASCADE,
  LineNumber int NOT NULL,
  ProductId int NOT NULL
    CONSTRAINT FK_OrderLines_Products REFERENCES shop.Products (ProductId),
  Quantity int NOT NULL,
  PRIMARY KEY (OrderId, LineNumber)
);
