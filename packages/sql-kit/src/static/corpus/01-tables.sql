CREATE SCHEMA sales;
GO
CREATE TABLE dbo.Customers (Id int NOT NULL CONSTRAINT PK_Customers PRIMARY KEY, Email nvarchar(320) NOT NULL);
GO
--- ok a minimal table | table dbo.T; column dbo.T.Id=int
CREATE TABLE dbo.T (Id int);
--- ok a bracketed name and column | table dbo.Order Lines; column dbo.Order Lines.Line No=int NOT NULL
CREATE TABLE [dbo].[Order Lines] ([Line No] int NOT NULL);
--- ok an implicit dbo schema | table dbo.T
CREATE TABLE T (A int)
--- ok a table in a user schema | table sales.Orders
CREATE TABLE sales.Orders (OrderId int NOT NULL PRIMARY KEY)
--- ok identity with seed and increment | column dbo.T.Id=int NOT NULL
CREATE TABLE dbo.T (Id int IDENTITY(100, 5) PRIMARY KEY)
--- ok nvarchar(max) and varbinary(max) | column dbo.T.Doc=nvarchar(max); column dbo.T.Blob=varbinary(max)
CREATE TABLE dbo.T (Doc nvarchar(max), Blob varbinary(max))
--- ok decimal defaults | column dbo.T.Price=decimal(18,0)
CREATE TABLE dbo.T (Price decimal)
--- ok decimal with precision and scale | column dbo.T.Price=decimal(10,2) NOT NULL
CREATE TABLE dbo.T (Price decimal(10, 2) NOT NULL)
--- ok numeric synonym | column dbo.T.N=numeric(9,3)
CREATE TABLE dbo.T (N numeric(9, 3))
--- ok char without length is char(1) | column dbo.T.Flag=char(1)
CREATE TABLE dbo.T (Flag char)
--- ok datetime2 with scale | table dbo.T
CREATE TABLE dbo.T (At datetime2(3) NOT NULL, D date, Ti time(0), Offs datetimeoffset)
--- ok every common type | table dbo.T
CREATE TABLE dbo.T (a bigint, b smallint, c tinyint, d bit, e money, f smallmoney, g float, h real, i datetime, j smalldatetime, k uniqueidentifier, l xml, m sql_variant, n rowversion, o hierarchyid, p geography, q geometry, r sysname, s varchar(10), t binary(16), u nchar(2), v text, w ntext, x image)
--- ok a named primary key constraint | pk dbo.T=Id
CREATE TABLE dbo.T (Id int NOT NULL, CONSTRAINT PK_T PRIMARY KEY CLUSTERED (Id))
--- ok a composite primary key | pk dbo.T=A,B
CREATE TABLE dbo.T (A int NOT NULL, B int NOT NULL, PRIMARY KEY (A, B DESC))
--- ok a column-level PRIMARY KEY NONCLUSTERED | pk dbo.T=Id
CREATE TABLE dbo.T (Id int NOT NULL CONSTRAINT PK_T PRIMARY KEY NONCLUSTERED)
--- ok a unique constraint | table dbo.T
CREATE TABLE dbo.T (Id int PRIMARY KEY, Code char(3) NOT NULL CONSTRAINT UQ_T_Code UNIQUE)
--- ok a column-level foreign key | fk dbo.Orders->dbo.Customers
CREATE TABLE dbo.Orders (Id int PRIMARY KEY, CustomerId int NOT NULL REFERENCES dbo.Customers (Id))
--- ok a named table-level foreign key with actions | fk dbo.Orders->dbo.Customers
CREATE TABLE dbo.Orders (Id int PRIMARY KEY, CustomerId int NULL,
  CONSTRAINT FK_Orders_Customers FOREIGN KEY (CustomerId) REFERENCES dbo.Customers (Id) ON DELETE SET NULL ON UPDATE CASCADE)
--- ok a foreign key without a column list references the primary key | fk dbo.Orders->dbo.Customers
CREATE TABLE dbo.Orders (Id int PRIMARY KEY, CustomerId int REFERENCES dbo.Customers)
--- ok a self-referencing foreign key | fk dbo.Emp->dbo.Emp
CREATE TABLE dbo.Emp (Id int PRIMARY KEY, ManagerId int NULL REFERENCES dbo.Emp (Id))
--- ok a column CHECK | checks dbo.T=1
CREATE TABLE dbo.T (Qty int NOT NULL CHECK (Qty > 0))
--- ok a named table CHECK across columns | checks dbo.T=1
CREATE TABLE dbo.T (StartsAt date, EndsAt date, CONSTRAINT CK_T_Range CHECK (EndsAt >= StartsAt))
--- ok a CHECK with IN, LIKE, BETWEEN and LEN | checks dbo.T=3
CREATE TABLE dbo.T (Status varchar(10) CHECK (Status IN ('new', 'paid')), Code char(4) CHECK (Code LIKE '[A-Z][0-9][0-9][0-9]'), N int CHECK (N BETWEEN 1 AND 10 AND LEN(CAST(N AS varchar(3))) > 0))
--- ok a default constraint with a function | table dbo.T
CREATE TABLE dbo.T (At datetime2 NOT NULL CONSTRAINT DF_T_At DEFAULT (SYSUTCDATETIME()))
--- ok defaults without parentheses | table dbo.T
CREATE TABLE dbo.T (A int DEFAULT 0, B nvarchar(10) DEFAULT N'x', C bit DEFAULT -1, D datetime DEFAULT GETDATE())
--- ok a computed column | table dbo.T
CREATE TABLE dbo.T (Qty int, Price decimal(10, 2), Total AS (Qty * Price) PERSISTED)
--- ok an inline index | index dbo.T.IX_T_Name
CREATE TABLE dbo.T (Id int PRIMARY KEY, Name nvarchar(50), INDEX IX_T_Name NONCLUSTERED (Name))
--- ok a column-level inline index | index dbo.T.IX_T_Code
CREATE TABLE dbo.T (Code int INDEX IX_T_Code)
--- ok a filtered unique inline index | index dbo.T.UX_T_Email
CREATE TABLE dbo.T (Email nvarchar(320) NULL, INDEX UX_T_Email UNIQUE (Email) WHERE Email IS NOT NULL)
--- ok table options ON a filegroup and WITH compression | table dbo.T
CREATE TABLE dbo.T (Id int) ON [PRIMARY] WITH (DATA_COMPRESSION = PAGE)
--- ok COLLATE, SPARSE and ROWGUIDCOL | table dbo.T
CREATE TABLE dbo.T (Name nvarchar(50) COLLATE Latin1_General_CI_AS, Extra int SPARSE NULL, G uniqueidentifier ROWGUIDCOL DEFAULT NEWID())
--- ok IDENTITY NOT FOR REPLICATION | table dbo.T
CREATE TABLE dbo.T (Id int IDENTITY(1, 1) NOT FOR REPLICATION NOT NULL)
--- ok a temp table is a table too | table dbo.#Work
CREATE TABLE #Work (Id int)
--- ok two tables in one batch without semicolons | table dbo.A; table dbo.B
CREATE TABLE dbo.A (Id int PRIMARY KEY)
CREATE TABLE dbo.B (AId int REFERENCES dbo.A (Id))
--- ok two plain columns | table dbo.T
CREATE TABLE dbo.T (A int, B int)
--- ok CREATE INDEX with INCLUDE and WHERE | index dbo.Customers.IX_Email
CREATE NONCLUSTERED INDEX IX_Email ON dbo.Customers (Email) INCLUDE (Id) WHERE Email IS NOT NULL
--- ok CREATE UNIQUE INDEX with options | index dbo.Customers.UX_Email
CREATE UNIQUE INDEX UX_Email ON dbo.Customers (Email DESC) WITH (FILLFACTOR = 90, ONLINE = ON) ON [PRIMARY]
--- ok ALTER TABLE ADD a column | column dbo.Customers.Phone=varchar(20)
ALTER TABLE dbo.Customers ADD Phone varchar(20) NULL
--- ok ALTER TABLE ADD CONSTRAINT DEFAULT FOR | table dbo.Customers
ALTER TABLE dbo.Customers ADD CONSTRAINT DF_Customers_Email DEFAULT (N'') FOR Email
--- ok ALTER TABLE WITH CHECK ADD a foreign key | fk dbo.Orders->dbo.Customers
CREATE TABLE dbo.Orders (Id int PRIMARY KEY, CustomerId int)
GO
ALTER TABLE dbo.Orders WITH CHECK ADD CONSTRAINT FK_O_C FOREIGN KEY (CustomerId) REFERENCES dbo.Customers (Id)
--- ok ALTER TABLE CHECK CONSTRAINT | table dbo.Customers
ALTER TABLE dbo.Customers NOCHECK CONSTRAINT ALL
--- ok ALTER COLUMN to NOT NULL | column dbo.Customers.Email=nvarchar(400) NOT NULL
ALTER TABLE dbo.Customers ALTER COLUMN Email nvarchar(400) NOT NULL
--- ok ALTER COLUMN … COLLATE | column dbo.Customers.Email=nvarchar(320) NOT NULL
ALTER TABLE dbo.Customers ALTER COLUMN Email nvarchar(320) COLLATE Latin1_General_100_CI_AS_SC NOT NULL
--- ok ALTER TABLE DROP COLUMN | table dbo.T
CREATE TABLE dbo.T (A int, B int)
ALTER TABLE dbo.T DROP COLUMN B
--- ok ALTER TABLE DROP CONSTRAINT IF EXISTS | table dbo.Customers
ALTER TABLE dbo.Customers DROP CONSTRAINT IF EXISTS CK_Nothing
--- ok ALTER TABLE ENABLE TRIGGER ALL | table dbo.Customers
ALTER TABLE dbo.Customers ENABLE TRIGGER ALL
--- ok ALTER TABLE DISABLE TRIGGER by name | table dbo.Customers
ALTER TABLE dbo.Customers DISABLE TRIGGER trg_Audit
--- ok ALTER TABLE REBUILD with options | table dbo.Customers
ALTER TABLE dbo.Customers REBUILD WITH (DATA_COMPRESSION = ROW)
--- ok ALTER TABLE REBUILD PARTITION = ALL | table dbo.Customers
ALTER TABLE dbo.Customers REBUILD PARTITION = ALL
--- ok typed xml column | column dbo.T.Doc=xml
CREATE TABLE dbo.T (Doc xml(dbo.OrderSchemaCollection) NULL)
--- ok typed xml with CONTENT | column dbo.T.Doc=xml NOT NULL
CREATE TABLE dbo.T (Doc xml(CONTENT sales.Invoices) NOT NULL)
--- ok DROP TABLE IF EXISTS on nothing | no-table dbo.Nope
DROP TABLE IF EXISTS dbo.Nope
--- ok DROP TABLE of two tables | no-table dbo.A; no-table dbo.B
CREATE TABLE dbo.A (Id int)
CREATE TABLE dbo.B (Id int)
GO
DROP TABLE dbo.A, dbo.B
--- ok DROP INDEX on a table | table dbo.Customers
CREATE INDEX IX_E ON dbo.Customers (Email)
DROP INDEX IX_E ON dbo.Customers
--- ok CREATE SCHEMA with AUTHORIZATION | schema reporting
CREATE SCHEMA reporting AUTHORIZATION dbo
--- ok CREATE SCHEMA with a table element lands in the schema | table hr.People; no-table dbo.People
CREATE SCHEMA hr AUTHORIZATION dbo
  CREATE TABLE People (Id int PRIMARY KEY)
--- ok CREATE SCHEMA with a table and a view element | table hr.People; view hr.Names
CREATE SCHEMA hr
  CREATE TABLE People (Id int PRIMARY KEY, Name nvarchar(50))
  CREATE VIEW Names AS SELECT Name FROM People
--- ok ALTER SCHEMA TRANSFER | table sales.Customers
ALTER SCHEMA sales TRANSFER dbo.Customers
--- ok ALTER SCHEMA TRANSFER OBJECT:: | table sales.Customers
ALTER SCHEMA sales TRANSFER OBJECT::dbo.Customers
--- ok an alias type | column dbo.T.Mail=nvarchar(320) NOT NULL
CREATE TYPE dbo.EmailAddress FROM nvarchar(320) NOT NULL
GO
CREATE TABLE dbo.T (Mail EmailAddress)
--- ok an alias type's NOT NULL can be overridden | column dbo.T.Mail=nvarchar(320)
CREATE TYPE EmailAddress FROM nvarchar(320) NOT NULL
GO
CREATE TABLE dbo.T (Mail EmailAddress NULL)
--- ok sp_addtype | column dbo.T.Code=char(4) NOT NULL
EXEC sp_addtype N'ProductCode', 'char(4)', 'NOT NULL'
GO
CREATE TABLE dbo.T (Code ProductCode)
--- ok a table type is read and skipped | no-table dbo.Ids
CREATE TYPE dbo.Ids AS TABLE (Id int PRIMARY KEY)
--- ok CREATE SEQUENCE is noted | table dbo.Customers
CREATE SEQUENCE dbo.OrderNumbers AS int START WITH 1 INCREMENT BY 1
--- ok CREATE SYNONYM is noted | table dbo.Customers
CREATE SYNONYM dbo.Clients FOR dbo.Customers
--- ok CREATE STATISTICS is noted | table dbo.Customers
CREATE STATISTICS st_Email ON dbo.Customers (Email)
--- semantic the same constraint name on two tables | says there is already an object named "PK_Customers"
CREATE TABLE dbo.Clients (Id int NOT NULL CONSTRAINT PK_Customers PRIMARY KEY)
--- semantic a foreign key column of another type | says nvarchar(10)
CREATE TABLE dbo.Orders (Id int PRIMARY KEY, CustomerId nvarchar(10) REFERENCES dbo.Customers (Id))
--- semantic a foreign key column of another length | says must have the same type
CREATE TABLE dbo.A (Code varchar(10) PRIMARY KEY)
CREATE TABLE dbo.B (Code varchar(20) REFERENCES dbo.A (Code))
--- semantic a CHECK that names an unknown column | says "Quantity"
CREATE TABLE dbo.T (Qty int, CONSTRAINT CK_T CHECK (Quantity > 0))
--- semantic a column CHECK that names another, unknown column | line 1
CREATE TABLE dbo.T (Qty int CHECK (Qtty >= 0))
--- semantic a foreign key to a table that does not exist | says does not exist
CREATE TABLE dbo.Orders (Id int PRIMARY KEY, ProductId int REFERENCES dbo.Products (Id))
--- semantic a foreign key to a column that is not a key | says is not a primary key or unique
CREATE TABLE dbo.Orders (Id int PRIMARY KEY, Email nvarchar(320) REFERENCES dbo.Customers (Email))
--- semantic a duplicate table | says already an object
CREATE TABLE dbo.Customers (Id int)
--- semantic a table in a schema that does not exist | says does not exist
CREATE TABLE billing.Invoices (Id int)
--- semantic a column declared twice | says declared twice
CREATE TABLE dbo.T (A int, A int)
--- semantic two primary keys | says already has a primary key
CREATE TABLE dbo.T (A int PRIMARY KEY, B int PRIMARY KEY)
--- semantic a primary key on a NULL column | says declared NULL
CREATE TABLE dbo.T (A int NULL PRIMARY KEY)
--- semantic two clustered indexes | says more than one clustered index
CREATE TABLE dbo.T (A int PRIMARY KEY CLUSTERED, B int UNIQUE CLUSTERED)
--- semantic an unknown data type | says cannot find the data type
CREATE TABLE dbo.T (A integr)
--- semantic an index on a missing column | says does not exist
CREATE INDEX IX_X ON dbo.Customers (Phone)
--- semantic an index on a missing table | says does not exist
CREATE INDEX IX_X ON dbo.Nope (A)
--- semantic ALTER TABLE on a missing table | says does not exist
ALTER TABLE dbo.Nope ADD A int
--- semantic dropping a missing table | says does not exist
DROP TABLE dbo.Nope
--- semantic an alias type created twice | says already a type
CREATE TYPE Money2 FROM decimal(19, 4)
GO
CREATE TYPE Money2 FROM decimal(19, 4)
--- semantic a default on a column that has one | says already has a default
CREATE TABLE dbo.T (A int DEFAULT 0)
GO
ALTER TABLE dbo.T ADD DEFAULT 1 FOR A
