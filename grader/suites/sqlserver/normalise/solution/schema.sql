-- sales: the spreadsheet in third normal form.
CREATE SCHEMA sales;
GO

CREATE TABLE sales.Customers (
  CustomerId int NOT NULL CONSTRAINT PK_Customers PRIMARY KEY,
  Name nvarchar(100) NOT NULL,
  Email nvarchar(254) NOT NULL CONSTRAINT UQ_Customers_Email UNIQUE,
  City nvarchar(100) NOT NULL
);

CREATE TABLE sales.Products (
  Sku varchar(20) NOT NULL CONSTRAINT PK_Products PRIMARY KEY,
  Name nvarchar(100) NOT NULL,
  Category nvarchar(50) NOT NULL,
  UnitPrice decimal(10, 2) NOT NULL CONSTRAINT CK_Products_UnitPrice CHECK (UnitPrice >= 0)
);

CREATE TABLE sales.Orders (
  OrderId int NOT NULL CONSTRAINT PK_Orders PRIMARY KEY,
  OrderDate date NOT NULL,
  CustomerId int NOT NULL CONSTRAINT FK_Orders_Customers REFERENCES sales.Customers (CustomerId)
);

CREATE TABLE sales.OrderLines (
  OrderId int NOT NULL CONSTRAINT FK_OrderLines_Orders REFERENCES sales.Orders (OrderId),
  Sku varchar(20) NOT NULL CONSTRAINT FK_OrderLines_Products REFERENCES sales.Products (Sku),
  Quantity int NOT NULL CONSTRAINT CK_OrderLines_Quantity CHECK (Quantity > 0),
  CONSTRAINT PK_OrderLines PRIMARY KEY (OrderId, Sku)
);
