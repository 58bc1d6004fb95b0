CREATE TABLE dbo.Customers (Id int NOT NULL CONSTRAINT PK_Customers PRIMARY KEY, Email nvarchar(320) NOT NULL);
GO
--- unsupported a temporal table keeps its columns | table dbo.Prices; column dbo.Prices.Amount=decimal(10,2) NOT NULL
CREATE TABLE dbo.Prices (
  Id int NOT NULL PRIMARY KEY,
  Amount decimal(10, 2) NOT NULL,
  ValidFrom datetime2 GENERATED ALWAYS AS ROW START NOT NULL,
  ValidTo datetime2 GENERATED ALWAYS AS ROW END NOT NULL,
  PERIOD FOR SYSTEM_TIME (ValidFrom, ValidTo)
) WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = dbo.PricesHistory))
--- unsupported hidden period columns | table dbo.P; pk dbo.P=Id
CREATE TABLE dbo.P (Id int PRIMARY KEY, F datetime2 GENERATED ALWAYS AS ROW START HIDDEN, T datetime2 GENERATED ALWAYS AS ROW END HIDDEN, PERIOD FOR SYSTEM_TIME (F, T))
--- unsupported ALTER TABLE SET SYSTEM_VERSIONING | table dbo.Customers
ALTER TABLE dbo.Customers SET (SYSTEM_VERSIONING = OFF)
--- unsupported ALTER TABLE ADD PERIOD FOR SYSTEM_TIME | table dbo.T
CREATE TABLE dbo.T (Id int, F datetime2 NOT NULL, U datetime2 NOT NULL)
GO
ALTER TABLE dbo.T ADD PERIOD FOR SYSTEM_TIME (F, U)
--- ok ALTER TABLE SET LOCK_ESCALATION | table dbo.Customers
ALTER TABLE dbo.Customers SET (LOCK_ESCALATION = AUTO)
--- unsupported MASKED WITH keeps the column | column dbo.T.Email=nvarchar(320) NOT NULL
CREATE TABLE dbo.T (Email nvarchar(320) MASKED WITH (FUNCTION = 'email()') NOT NULL)
--- unsupported MASKED WITH partial() | column dbo.T.Phone=varchar(20)
CREATE TABLE dbo.T (Phone varchar(20) MASKED WITH (FUNCTION = 'partial(1,"XXXX",2)') NULL)
--- unsupported ALTER COLUMN ADD MASKED | table dbo.Customers
ALTER TABLE dbo.Customers ALTER COLUMN Email ADD MASKED WITH (FUNCTION = 'email()')
--- ok ALTER COLUMN DROP ROWGUIDCOL | table dbo.Customers
ALTER TABLE dbo.Customers ALTER COLUMN Email DROP NOT FOR REPLICATION
--- unsupported an inline clustered columnstore index | table dbo.Facts; column dbo.Facts.Amount=money
CREATE TABLE dbo.Facts (Id int, Amount money, INDEX CCI_Facts CLUSTERED COLUMNSTORE)
--- unsupported a standalone clustered columnstore index | table dbo.Customers
CREATE CLUSTERED COLUMNSTORE INDEX CCI_Customers ON dbo.Customers
--- unsupported a nonclustered columnstore index with columns | table dbo.Customers
CREATE NONCLUSTERED COLUMNSTORE INDEX NCCI_Customers ON dbo.Customers (Id, Email) WITH (DROP_EXISTING = OFF)
--- unsupported a memory-optimized table with a HASH index | table dbo.Sessions; pk dbo.Sessions=Id
CREATE TABLE dbo.Sessions (
  Id int NOT NULL PRIMARY KEY NONCLUSTERED HASH WITH (BUCKET_COUNT = 1024),
  UserId int NOT NULL,
  INDEX IX_Sessions_User HASH (UserId) WITH (BUCKET_COUNT = 2048)
) WITH (MEMORY_OPTIMIZED = ON, DURABILITY = SCHEMA_ONLY)
--- unsupported an inline HASH index keeps the index | index dbo.S.IX_S
CREATE TABLE dbo.S (Id int NOT NULL, INDEX IX_S NONCLUSTERED HASH (Id) WITH (BUCKET_COUNT = 64))
--- unsupported ALTER TABLE SWITCH | table dbo.Customers
CREATE TABLE dbo.Staging (Id int NOT NULL, Email nvarchar(320) NOT NULL)
GO
ALTER TABLE dbo.Staging SWITCH TO dbo.Customers
--- unsupported ALTER TABLE SWITCH PARTITION | table dbo.Customers
CREATE TABLE dbo.Staging (Id int NOT NULL, Email nvarchar(320) NOT NULL)
GO
ALTER TABLE dbo.Customers SWITCH PARTITION 2 TO dbo.Staging PARTITION 2
--- unsupported a graph node table keeps its columns | table dbo.Person; column dbo.Person.Name=nvarchar(100)
CREATE TABLE dbo.Person (Id int PRIMARY KEY, Name nvarchar(100)) AS NODE
--- unsupported a graph edge table | table dbo.Likes
CREATE TABLE dbo.Likes (Rating int) AS EDGE
--- unsupported an edge table without columns | table dbo.Follows
CREATE TABLE dbo.Follows AS EDGE
--- ok sqlcmd :setvar and $(var) | table sales.T
:setvar SchemaName sales
CREATE SCHEMA $(SchemaName)
GO
CREATE TABLE $(SchemaName).T (Id int)
--- ok sqlcmd :setvar with a quoted value | column dbo.T.Name=nvarchar(40)
:setvar Size "40"
CREATE TABLE dbo.T (Name nvarchar($(Size)))
--- ok sqlcmd :on error exit is accepted | table dbo.T
:on error exit
CREATE TABLE dbo.T (Id int)
--- syntax sqlcmd variable never set | line 1; says scripting variable not defined
CREATE TABLE $(Missing).T (Id int)
--- unsupported sqlcmd :r include | line 1
:r .\other.sql
CREATE TABLE dbo.T (Id int)
--- ok an index on an indexed view | view dbo.V
CREATE VIEW dbo.V WITH SCHEMABINDING AS SELECT Id, Email FROM dbo.Customers
GO
CREATE UNIQUE CLUSTERED INDEX IX_V ON dbo.V (Id)
--- ok legacy sysobjects guard, object missing | table dbo.T
IF NOT EXISTS (SELECT * FROM sysobjects WHERE name = 'T' AND xtype = 'U')
  CREATE TABLE dbo.T (Id int)
--- ok legacy dbo.sysobjects guard with OBJECTPROPERTY | no-table dbo.Customers2; table dbo.Customers
IF EXISTS (SELECT * FROM dbo.sysobjects WHERE id = object_id(N'[dbo].[Customers]') AND OBJECTPROPERTY(id, N'IsUserTable') = 1)
  PRINT 'exists'
--- ok legacy guard drops an existing table | no-table dbo.Customers
IF EXISTS (SELECT * FROM sysobjects WHERE id = OBJECT_ID(N'dbo.Customers'))
  DROP TABLE dbo.Customers
--- ok OBJECT_ID guard skips a second CREATE | table dbo.Customers
IF OBJECT_ID(N'dbo.Customers', N'U') IS NULL
  CREATE TABLE dbo.Customers (Id int)
--- ok INFORMATION_SCHEMA guard | table dbo.T
IF NOT EXISTS (SELECT 1 FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'dbo' AND TABLE_NAME = 'T')
  CREATE TABLE dbo.T (Id int)
--- ok sys.indexes guard | index dbo.Customers.IX_E
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'IX_E' AND object_id = OBJECT_ID(N'dbo.Customers'))
  CREATE INDEX IX_E ON dbo.Customers (Email)
--- ok SCHEMA_ID guard with EXEC | schema app
IF SCHEMA_ID(N'app') IS NULL EXEC (N'CREATE SCHEMA app')
--- ok TYPE_ID guard | column dbo.T.C=char(2)
IF TYPE_ID(N'dbo.Code2') IS NULL CREATE TYPE dbo.Code2 FROM char(2)
GO
CREATE TABLE dbo.T (C Code2)
--- unsupported a COL_LENGTH guard is not decided | table dbo.Customers; line 1
IF COL_LENGTH('dbo.Customers', 'Phone') IS NULL
  ALTER TABLE dbo.Customers ADD Phone varchar(20) NULL
--- unsupported an IF condition on data is not guessed | line 1
IF (SELECT COUNT(*) FROM dbo.Customers) = 0
  CREATE TABLE dbo.Empty (Id int)
--- ok CREATE OR ALTER VIEW | view dbo.V
CREATE OR ALTER VIEW dbo.V AS SELECT Id FROM dbo.Customers
--- ok ALTER VIEW after CREATE | view dbo.V
CREATE VIEW dbo.V AS SELECT Id FROM dbo.Customers
GO
ALTER VIEW dbo.V AS SELECT Id, Email FROM dbo.Customers
--- ok a view with a column list and CHECK OPTION | view dbo.V
CREATE VIEW dbo.V (CustomerId, Mail) AS SELECT Id, Email FROM dbo.Customers WHERE Id > 0 WITH CHECK OPTION
--- ok a view with a CTE | view dbo.V
CREATE VIEW dbo.V AS WITH c AS (SELECT Id FROM dbo.Customers) SELECT Id FROM c
--- ok an inline table-valued function | nodes=module
CREATE FUNCTION dbo.CustomersFrom (@min int) RETURNS TABLE AS RETURN (SELECT Id FROM dbo.Customers WHERE Id >= @min)
--- ok a scalar function | nodes=module
CREATE FUNCTION dbo.Twice (@n int) RETURNS int WITH SCHEMABINDING AS BEGIN RETURN @n * 2 END
--- ok a multi-statement table-valued function | nodes=module
CREATE FUNCTION dbo.Ids () RETURNS @r TABLE (Id int PRIMARY KEY) AS
BEGIN
  INSERT INTO @r (Id) SELECT Id FROM dbo.Customers;
  RETURN;
END
--- ok an AFTER trigger | nodes=module
CREATE TRIGGER dbo.trg_Customers_Audit ON dbo.Customers AFTER INSERT, UPDATE AS
BEGIN
  SET NOCOUNT ON;
  IF UPDATE(Email) PRINT 'email changed';
  INSERT INTO dbo.Customers (Id, Email) SELECT i.Id + 1000, i.Email FROM inserted AS i WHERE NOT EXISTS (SELECT 1 FROM deleted);
END
--- ok an INSTEAD OF trigger on a view | nodes=module,module
CREATE VIEW dbo.V AS SELECT Id, Email FROM dbo.Customers
GO
CREATE TRIGGER dbo.trg_V ON dbo.V INSTEAD OF DELETE AS DELETE FROM dbo.Customers WHERE Id IN (SELECT Id FROM deleted)
--- ok a database DDL trigger | nodes=module
CREATE TRIGGER trg_NoDrops ON DATABASE FOR DROP_TABLE AS BEGIN PRINT 'no'; ROLLBACK; END
--- semantic a view column without a name | says no column name was specified for column 2
CREATE VIEW dbo.V AS SELECT Id, COUNT(*) FROM dbo.Customers GROUP BY Id
--- ok a view column list names computed columns | view dbo.V
CREATE VIEW dbo.V (Id, N) AS SELECT Id, COUNT(*) FROM dbo.Customers GROUP BY Id
--- ok a view over SELECT * | view dbo.V
CREATE VIEW dbo.V AS SELECT * FROM dbo.Customers
