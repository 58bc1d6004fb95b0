CREATE SCHEMA shop;
GO
CREATE TABLE shop.Products (ProductId int PRIMARY KEY, Stock int NOT NULL, UnitPrice decimal(10, 2) NOT NULL);
CREATE TABLE shop.Orders (OrderId int IDENTITY PRIMARY KEY, CustomerId int NOT NULL);
GO
--- ok DECLARE with and without a value | nodes=declare
DECLARE @a int = 1, @b nvarchar(20), @c decimal(10, 2) = 0.5
--- ok DECLARE AS a type | nodes=declare
DECLARE @when AS datetime2 = SYSUTCDATETIME()
--- ok DECLARE a table variable | nodes=declare
DECLARE @t TABLE (Id int PRIMARY KEY, Name nvarchar(50) NOT NULL)
--- ok DECLARE a cursor and walk it | nodes=declare,cursor,cursor,while,cursor,cursor
DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT ProductId FROM shop.Products
OPEN c
FETCH NEXT FROM c INTO @id
WHILE @@FETCH_STATUS = 0 FETCH NEXT FROM c INTO @id
CLOSE c
DEALLOCATE c
--- ok SET a variable | nodes=declare,set
DECLARE @n int
SET @n = (SELECT COUNT(*) FROM shop.Products)
--- ok SET += | nodes=declare,set
DECLARE @n int = 0
SET @n += 1
--- ok SET NOCOUNT, XACT_ABORT and ANSI options | nodes=set,set,set
SET NOCOUNT ON
SET XACT_ABORT ON;
SET ANSI_NULLS, QUOTED_IDENTIFIER ON
--- ok SET TRANSACTION ISOLATION LEVEL | nodes=set
SET TRANSACTION ISOLATION LEVEL SERIALIZABLE
--- ok SET IDENTITY_INSERT | nodes=set,insert,set
SET IDENTITY_INSERT shop.Orders ON
INSERT INTO shop.Orders (OrderId, CustomerId) VALUES (100, 1)
SET IDENTITY_INSERT shop.Orders OFF
--- ok SET STATISTICS IO ON | nodes=set
SET STATISTICS IO ON
--- ok IF … ELSE with BEGIN … END | nodes=declare,if
DECLARE @n int = 1
IF @n > 0
BEGIN
  PRINT 'positive'
END
ELSE
  PRINT 'not'
--- ok nested IF | nodes=if
IF 1 = 1 IF 2 = 2 PRINT 'both' ELSE PRINT 'inner else'
--- ok WHILE with BREAK and CONTINUE | nodes=declare,while
DECLARE @i int = 0
WHILE @i < 10
BEGIN
  SET @i += 1
  IF @i = 5 CONTINUE
  IF @i = 8 BREAK
END
--- ok TRY … CATCH with THROW | nodes=try
BEGIN TRY
  SELECT 1 / 0
END TRY
BEGIN CATCH
  THROW;
END CATCH
--- ok transactions named and unnamed | nodes=transaction,transaction,transaction,transaction
BEGIN TRAN
SAVE TRANSACTION step1
ROLLBACK TRANSACTION step1
COMMIT
--- ok BEGIN DISTRIBUTED TRANSACTION and COMMIT WORK | nodes=transaction,transaction
BEGIN DISTRIBUTED TRANSACTION
COMMIT WORK
--- unsupported THROW with arguments, outside TRY (ends the batch) | nodes=throw
THROW 50001, N'Something failed', 1
--- ok RAISERROR with arguments and WITH NOWAIT | nodes=raiserror
RAISERROR (N'%s has %d rows', 16, 1, N'Products', 3) WITH NOWAIT
--- ok RAISERROR from a variable | nodes=declare,raiserror
DECLARE @m nvarchar(100) = N'x'
RAISERROR (@m, 10, 1)
--- unsupported RETURN, PRINT, GOTO and a label (RETURN ends the batch) | nodes=print,goto,label,return
PRINT N'start'
GOTO done
done:
RETURN
--- ok WAITFOR DELAY | nodes=waitfor
WAITFOR DELAY '00:00:01'
--- ok EXEC a procedure with named and OUTPUT arguments | nodes=declare,exec
DECLARE @id int
EXEC dbo.AddCustomer @Name = N'Ada', @City = DEFAULT, @Id = @id OUTPUT
--- ok EXEC with a return value and positional arguments | nodes=declare,exec
DECLARE @rc int
EXECUTE @rc = dbo.DoIt 1, N'two', @rc
--- ok EXEC dynamic SQL that creates a table | table dbo.Dyn
EXEC (N'CREATE TABLE dbo.Dyn (Id int)')
--- ok sp_executesql | table dbo.Dyn2
EXEC sp_executesql N'CREATE TABLE dbo.Dyn2 (Id int)'
--- ok EXECUTE AS and REVERT-free impersonation | nodes=exec
EXECUTE AS USER = N'dbo'
--- ok a procedure with TRY, transaction and THROW | proc shop.PlaceOrder; raises shop.PlaceOrder; outside-tx shop.PlaceOrder=0
CREATE PROCEDURE shop.PlaceOrder @CustomerId int, @ProductId int, @Quantity int AS
BEGIN
  SET NOCOUNT ON;
  BEGIN TRY
    BEGIN TRANSACTION;
    UPDATE shop.Products SET Stock = Stock - @Quantity WHERE ProductId = @ProductId AND Stock >= @Quantity;
    IF @@ROWCOUNT = 0 THROW 50001, N'Not enough stock', 1;
    INSERT INTO shop.Orders (CustomerId) VALUES (@CustomerId);
    COMMIT TRANSACTION;
  END TRY
  BEGIN CATCH
    IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;
    THROW;
  END CATCH
END
--- ok a procedure whose CATCH raises RAISERROR severity 16 | raises shop.P
CREATE PROCEDURE shop.P AS
BEGIN TRY
  BEGIN TRAN
  DELETE FROM shop.Orders WHERE OrderId = 0
  COMMIT
END TRY
BEGIN CATCH
  ROLLBACK
  DECLARE @msg nvarchar(2048) = ERROR_MESSAGE()
  RAISERROR (@msg, 16, 1)
END CATCH
--- ok a procedure whose CATCH only raises severity 10 | no-raise shop.P
CREATE PROCEDURE shop.P AS
BEGIN TRY
  BEGIN TRAN
  DELETE FROM shop.Orders WHERE OrderId = 0
  COMMIT
END TRY
BEGIN CATCH
  ROLLBACK
  RAISERROR (N'failed', 10, 1)
END CATCH
--- ok a procedure that throws only inside TRY | no-raise shop.P
CREATE PROCEDURE shop.P AS
BEGIN TRY
  THROW 50000, N'x', 1
END TRY
BEGIN CATCH
  PRINT ERROR_MESSAGE()
END CATCH
--- ok a procedure that throws only after END CATCH | no-raise shop.P
CREATE PROCEDURE shop.P AS
BEGIN
  DECLARE @e nvarchar(100)
  BEGIN TRY
    DELETE FROM shop.Orders
  END TRY
  BEGIN CATCH
    SET @e = ERROR_MESSAGE()
  END CATCH
  IF @e IS NOT NULL THROW 50000, @e, 1
END
--- ok a procedure that inserts before BEGIN TRANSACTION | outside-tx shop.P=1
CREATE PROCEDURE shop.P @c int AS
BEGIN
  INSERT INTO shop.Orders (CustomerId) VALUES (@c)
  BEGIN TRANSACTION
  UPDATE shop.Products SET Stock = Stock - 1
  COMMIT
END
--- ok a procedure that changes data after COMMIT | outside-tx shop.P=1
CREATE PROCEDURE shop.P AS
BEGIN
  BEGIN TRANSACTION
  UPDATE shop.Products SET Stock = Stock - 1
  COMMIT
  DELETE FROM shop.Orders
END
--- ok changes to table variables do not need the transaction | outside-tx shop.P=0
CREATE PROCEDURE shop.P AS
BEGIN
  DECLARE @t TABLE (Id int)
  INSERT INTO @t (Id) VALUES (1)
  BEGIN TRAN
  UPDATE shop.Products SET Stock = 0
  COMMIT
END
--- ok a procedure with parenthesised parameters, defaults and OUTPUT | proc shop.P
CREATE PROCEDURE shop.P (@a int = 0, @b nvarchar(10) = N'x', @c int OUTPUT, @d dbo.Ids READONLY) WITH EXECUTE AS OWNER AS
SELECT @c = @a
--- ok CREATE PROC short form without BEGIN | proc shop.P
CREATE PROC shop.P AS SELECT 1
--- ok CREATE OR ALTER PROCEDURE twice | proc shop.P
CREATE OR ALTER PROCEDURE shop.P AS SELECT 1
GO
CREATE OR ALTER PROCEDURE shop.P AS SELECT 2
--- ok a procedure creating a temp table does not change the model | proc shop.P; no-table dbo.#Work
CREATE PROCEDURE shop.P AS
BEGIN
  CREATE TABLE #Work (Id int)
  INSERT INTO #Work VALUES (1)
  DROP TABLE #Work
END
--- ok a procedure with a cursor loop | proc shop.P
CREATE PROCEDURE shop.P AS
BEGIN
  DECLARE @id int
  DECLARE cur CURSOR FOR SELECT ProductId FROM shop.Products
  OPEN cur
  FETCH NEXT FROM cur INTO @id
  WHILE @@FETCH_STATUS = 0
  BEGIN
    UPDATE shop.Products SET Stock = Stock WHERE CURRENT OF cur
    FETCH NEXT FROM cur INTO @id
  END
  CLOSE cur
  DEALLOCATE cur
END
--- ok a procedure with a MERGE inside | proc shop.P
CREATE PROCEDURE shop.P AS
MERGE shop.Products AS t USING (SELECT 1 AS ProductId) AS s ON t.ProductId = s.ProductId
WHEN NOT MATCHED THEN INSERT (ProductId, Stock, UnitPrice) VALUES (s.ProductId, 0, 0);
--- syntax a procedure not first in its batch | says must be the first statement
PRINT 'x'
CREATE PROCEDURE shop.P AS SELECT 1
--- syntax a procedure without AS | says AS before the body
CREATE PROCEDURE shop.P @a int BEGIN SELECT 1 END
--- syntax a procedure body with a broken call | line 3
CREATE PROCEDURE shop.P AS
BEGIN
  DECLARE @id int = CAST(SCOPE_IDENTITY( AS int);
END
--- syntax a procedure with BEGIN but no END | says END to close the BEGIN
CREATE PROCEDURE shop.P AS
BEGIN
  SELECT 1
--- syntax END TRY without BEGIN CATCH | says BEGIN CATCH
BEGIN TRY SELECT 1 END TRY
SELECT 2
--- syntax BEGIN CATCH without TRY | says BEGIN TRY
BEGIN CATCH SELECT 1 END CATCH
--- syntax END without BEGIN | says no matching BEGIN
SELECT 1
END
--- syntax ELSE without IF | says no matching BEGIN or IF
ELSE PRINT 'x'
--- syntax IF without a statement | says a statement after
IF 1 = 1
--- syntax THROW with two arguments | says three arguments
THROW 50001, N'x'
--- syntax THROW without arguments outside CATCH | says only allowed inside a CATCH
BEGIN TRY SELECT 1 END TRY BEGIN CATCH PRINT 1 END CATCH
THROW
--- syntax RAISERROR without parentheses | says RAISERROR
RAISERROR 50001 'old form'
--- syntax RAISERROR with too few arguments | says at least a message
RAISERROR (N'x', 16)
--- syntax SET without a value | says ON, OFF or a value
SET NOCOUNT
--- syntax DECLARE without @ | says starting with @
DECLARE n int
--- syntax DECLARE without a type | line 1
DECLARE @n = 1
--- syntax WHILE without a statement | says a statement after
WHILE 1 = 1
--- syntax BEGIN TRAN misspelt | says TRANSACTION after SAVE
SAVE
--- syntax a view that continues after its SELECT | says the end of the batch
CREATE VIEW dbo.V AS SELECT 1 AS One
PRINT 'x'
--- syntax a function without parentheses | says write () for no parameters
CREATE FUNCTION dbo.F RETURNS int AS BEGIN RETURN 1 END
--- syntax a scalar function without BEGIN | says BEGIN … END
CREATE FUNCTION dbo.F () RETURNS int AS RETURN 1
