CREATE TABLE dbo.Customers (Id int NOT NULL CONSTRAINT PK_Customers PRIMARY KEY, Email nvarchar(320) NOT NULL);
GO
--- syntax CREATE TABEL | says did you mean CREATE TABLE?; line 1
CREATE TABEL dbo.T (Id int)
--- syntax ALTER TABEL | says did you mean ALTER TABLE?
ALTER TABEL dbo.Customers ADD X int
--- syntax CREATE INDX | says did you mean CREATE INDEX?
CREATE INDX IX_E ON dbo.Customers (Email)
--- syntax CREATE VEIW | says did you mean CREATE VIEW?
CREATE VEIW dbo.V AS SELECT 1 AS X
--- syntax CREATE PROCEDUER | says did you mean CREATE PROCEDURE?
CREATE PROCEDUER dbo.P AS SELECT 1
--- syntax DROP TABEL | says did you mean DROP TABLE?
DROP TABEL dbo.Customers
--- syntax CREAT TABLE | says did you mean CREATE?
CREAT TABLE dbo.T (Id int)
--- syntax SELCT | says did you mean SELECT?
SELCT * FROM dbo.Customers
--- syntax INSRET | says did you mean INSERT?
INSRET INTO dbo.Customers (Id, Email) VALUES (1, N'a')
--- syntax UPDTAE | says did you mean UPDATE?
UPDTAE dbo.Customers SET Email = N'b'
--- syntax DECALRE | says did you mean DECLARE?
DECALRE @n int
--- syntax a typo in a later batch keeps the earlier batch | line 3; table dbo.T
CREATE TABLE dbo.T (Id int)
GO
CREATE TABEL dbo.U (Id int)
--- syntax a batch with a syntax error changes nothing | no-table dbo.T; line 2
CREATE TABLE dbo.T (Id int)
CREATE TABLE dbo.U (Id int,, Name int)
--- syntax a batch with a syntax error keeps no semantic issue either | no-table dbo.T
CREATE TABLE dbo.Customers (Id int)
CREATE TABLE dbo.T (Id int
--- syntax NOT NUL | line 1; says NULL after NOT
CREATE TABLE dbo.T (Id int NOT NUL)
--- syntax a missing comma between columns | line 2
CREATE TABLE dbo.T (Id int NOT NULL
  Name nvarchar(50))
--- syntax a comma before REFERENCES | says remove the ","
CREATE TABLE dbo.O (Id int, CustomerId int NOT NULL, REFERENCES dbo.Customers (Id))
--- syntax a comma before DEFAULT | says belongs to a column
CREATE TABLE dbo.O (Id int, DEFAULT 0)
--- syntax a reserved word as a column name | says write it as [Order]
CREATE TABLE dbo.O (Order int)
--- ok the reserved word in brackets | column dbo.O.Order=int
CREATE TABLE dbo.O ([Order] int)
--- syntax a missing closing parenthesis | line 1
CREATE TABLE dbo.T (Id int
--- syntax an extra closing parenthesis | line 1
CREATE TABLE dbo.T (Id int))
--- syntax varchar with a bad length | says a number or MAX
CREATE TABLE dbo.T (Name varchar(abc))
--- syntax decimal with a missing comma | line 1
CREATE TABLE dbo.T (Price decimal(10 2))
--- syntax AUTO_INCREMENT is MySQL | line 1
CREATE TABLE dbo.T (Id int AUTO_INCREMENT PRIMARY KEY)
--- syntax SERIAL is PostgreSQL | line 1
CREATE TABLE dbo.T (Id int SERIAL)
--- syntax IDENTITY with one argument | line 1
CREATE TABLE dbo.T (Id int IDENTITY(1))
--- syntax FOREIGN KEY without REFERENCES | says REFERENCES
CREATE TABLE dbo.O (Id int, CustomerId int, FOREIGN KEY (CustomerId) dbo.Customers (Id))
--- syntax ON DELETE with an unknown action | says NO ACTION, CASCADE
CREATE TABLE dbo.O (Id int, CustomerId int REFERENCES dbo.Customers (Id) ON DELETE RESTRICT)
--- syntax PRIMARY without KEY | line 1
CREATE TABLE dbo.T (Id int PRIMARY)
--- syntax CHECK without parentheses | line 1
CREATE TABLE dbo.T (Qty int CHECK Qty > 0)
--- syntax an unclosed bracket | says never closed
CREATE TABLE [dbo.T (Id int)
--- syntax an unclosed block comment | says never closed
/* schema
CREATE TABLE dbo.T (Id int)
--- syntax CREATE INDEX without ON | says ON
CREATE INDEX IX_E dbo.Customers (Email)
--- syntax CREATE INDEX without columns | line 1
CREATE INDEX IX_E ON dbo.Customers
--- syntax ALTER TABLE with an unknown action | says ADD, ALTER COLUMN
ALTER TABLE dbo.Customers MODIFY Email nvarchar(10)
--- syntax ALTER TABLE ADD COLUMN is not T-SQL | says reserved word
ALTER TABLE dbo.Customers ADD COLUMN Phone varchar(20)
--- syntax DROP TABLE IF NOT EXISTS | line 1
DROP TABLE IF NOT EXISTS dbo.Customers
--- syntax CREATE OR REPLACE is not T-SQL | line 1
CREATE OR REPLACE VIEW dbo.V AS SELECT 1 AS X
--- syntax CREATE OR ALTER TABLE is not T-SQL | says after CREATE OR ALTER
CREATE OR ALTER TABLE dbo.T (Id int)
--- syntax a statement that is not a word | line 1
+ CREATE TABLE dbo.T (Id int)
--- syntax GO inside a statement splits it | line 1
CREATE TABLE dbo.T (
GO
  Id int)
--- syntax a view with a misspelt keyword | line 3
CREATE VIEW dbo.V AS
SELECT Id
FORM dbo.Customers
--- syntax a view with a missing comma in the select list | line 2
CREATE VIEW dbo.V AS
SELECT Id Email Extra FROM dbo.Customers
--- syntax an INSERT missing a comma inside VALUES | line 2
INSERT INTO dbo.Customers (Id, Email)
VALUES (1 N'a@example.com')
--- syntax an INSERT with a trailing comma in the column list | line 1
INSERT INTO dbo.Customers (Id, Email,) VALUES (1, N'a')
--- syntax a WHERE with = = | line 1
DELETE FROM dbo.Customers WHERE Id = = 1
--- syntax an EXEC with an unclosed string | says never closed
EXEC (N'SELECT 1)
--- syntax dynamic SQL with a typo is reported | says did you mean CREATE TABLE?
EXEC (N'CREATE TABEL dbo.X (Id int)')
--- syntax BEGIN TRANSACTION misspelt as BEGIN TRANSACTON | line 1
BEGIN TRANSACTON
COMMIT
--- ok a comment mentioning CREATE TABEL is only a comment | table dbo.Customers
-- CREATE TABEL is wrong, CREATE TABLE is right
/* CREATE VEIW too */
SELECT 1 AS One
--- ok a BOM at the start of the file is ignored | table dbo.T
﻿CREATE TABLE dbo.T (Id int)
--- ok CRLF line endings | table dbo.T
CREATE TABLE dbo.T (Id int)
--- ok statements separated by semicolons on one line | table dbo.A; table dbo.B
CREATE TABLE dbo.A (Id int); CREATE TABLE dbo.B (Id int);
--- ok GO with a count | table dbo.T
CREATE TABLE dbo.T (Id int)
GO 1
--- semantic GO 2 runs a CREATE twice | says already an object
CREATE TABLE dbo.T (Id int)
GO 2
--- ok lowercase keywords | table dbo.t
create table dbo.t (id int not null primary key, name nvarchar(10) null)
--- ok mixed-case keywords and names | pk dbo.T=ID
Create Table dbo.T (ID Int Not Null Constraint PK_T Primary Key)
