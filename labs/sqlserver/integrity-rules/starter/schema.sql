-- schema.sql: a small shop. The tables work, but they accept anything.
-- Add the constraints the README asks for. Keep the schema, table and column names
-- as they are; constraint names are yours.

CREATE SCHEMA shop;
GO

CREATE TABLE shop.Customers (
  CustomerId int IDENTITY(1, 1) NOT NULL PRIMARY KEY,
  Name nvarchar(100),
  Email nvarchar(254)
);

CREATE TABLE shop.Products (
  ProductId int IDENTITY(1, 1) NOT NULL PRIMARY KEY,
  Name nvarchar(100),
  Price decimal(10, 2)
);

CREATE TABLE shop.Orders (
  OrderId int IDENTITY(1, 1) NOT NULL PRIMARY KEY,
  CustomerId int,
  OrderedAt datetime2(0),
  Status varchar(20)
);

CREATE TABLE shop.OrderLines (
  OrderId int NOT NULL,
  LineNumber int NOT NULL,
  ProductId int,
  Quantity int,
  PRIMARY KEY (OrderId, LineNumber)
);
