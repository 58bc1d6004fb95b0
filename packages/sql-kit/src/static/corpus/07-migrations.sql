CREATE SCHEMA shop;
GO
CREATE TABLE shop.Customers (CustomerId int PRIMARY KEY, Email nvarchar(320) NULL);
GO
INSERT INTO shop.Customers (CustomerId, Email) VALUES (1, N'a@example.com');
GO
--- ok DROP TABLE IF EXISTS then CREATE loses the rows | loss shop.Customers; table shop.Customers
DROP TABLE IF EXISTS shop.Customers;
GO
CREATE TABLE shop.Customers (CustomerId int PRIMARY KEY, Email nvarchar(320) NULL);
--- ok TRUNCATE loses the rows | loss shop.Customers
TRUNCATE TABLE shop.Customers
--- ok DROP TABLE of a table without rows loses nothing | table shop.Customers
CREATE TABLE shop.Empty (Id int)
GO
DROP TABLE shop.Empty
--- ok a guarded CREATE keeps the rows | table shop.Customers
IF OBJECT_ID(N'shop.Customers', N'U') IS NULL
  CREATE TABLE shop.Customers (CustomerId int PRIMARY KEY)
--- ok rows copied into a new table are tracked | loss shop.Emails
CREATE TABLE shop.Emails (Email nvarchar(320))
GO
INSERT INTO shop.Emails (Email) SELECT Email FROM shop.Customers
GO
DROP TABLE shop.Emails
--- ok SELECT INTO creates rows too | nodes=select
SELECT CustomerId INTO #keep FROM shop.Customers
--- ok a MERGE writes rows | loss shop.Emails
CREATE TABLE shop.Emails (Email nvarchar(320))
GO
MERGE shop.Emails AS t USING shop.Customers AS s ON t.Email = s.Email WHEN NOT MATCHED THEN INSERT (Email) VALUES (s.Email);
GO
TRUNCATE TABLE shop.Emails
--- unsupported a COL_LENGTH guard around dynamic SQL is not decided | line 1
IF COL_LENGTH(N'shop.Customers', N'Phone') IS NULL
  EXEC (N'ALTER TABLE shop.Customers ADD Phone varchar(20) NULL')
--- ok a guarded constraint | checks shop.Customers=1
IF OBJECT_ID(N'shop.CK_Customers_Email') IS NULL
  ALTER TABLE shop.Customers ADD CONSTRAINT CK_Customers_Email CHECK (Email LIKE '%@%')
--- ok a batched backfill loop is read, not run | nodes=declare,while
DECLARE @done int = 0
WHILE 1 = 1
BEGIN
  UPDATE TOP (500) shop.Customers SET Email = LOWER(Email) WHERE Email <> LOWER(Email) COLLATE Latin1_General_BIN2
  IF @@ROWCOUNT = 0 BREAK
END
--- ok a migration in a transaction with XACT_ABORT | nodes=set,transaction,ddl,transaction
SET XACT_ABORT ON
BEGIN TRANSACTION
ALTER TABLE shop.Customers ADD Phone varchar(20) NULL
COMMIT
--- semantic a migration adding an existing column | says declared twice
ALTER TABLE shop.Customers ADD Email nvarchar(320) NULL
--- syntax a syntax error in the second batch leaves the first applied | table shop.T; no-table shop.U
CREATE TABLE shop.T (Id int)
GO
CREATE TABLE shop.U (Id int)
ALTER TABLE shop.U ADD
