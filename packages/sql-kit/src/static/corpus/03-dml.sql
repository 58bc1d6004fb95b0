CREATE SCHEMA shop;
GO
CREATE TABLE shop.Customers (CustomerId int IDENTITY PRIMARY KEY, Name nvarchar(100) NOT NULL, Email nvarchar(320) NULL, City nvarchar(50) NULL);
CREATE TABLE shop.Orders (OrderId int IDENTITY PRIMARY KEY, CustomerId int NOT NULL REFERENCES shop.Customers, OrderedAt datetime2 NOT NULL DEFAULT SYSUTCDATETIME(), Status varchar(10) NOT NULL DEFAULT 'new');
CREATE TABLE shop.Lines (OrderId int NOT NULL REFERENCES shop.Orders, ProductId int NOT NULL, Quantity int NOT NULL, UnitPrice decimal(10, 2) NOT NULL);
GO
--- ok a plain SELECT | nodes=select
SELECT CustomerId, Name FROM shop.Customers
--- ok SELECT * with WHERE | nodes=select
SELECT * FROM shop.Customers WHERE City = N'Oslo' AND Email IS NOT NULL
--- ok SELECT without FROM | nodes=select
SELECT 1 AS One, GETDATE() AS Now, @@VERSION AS V
--- ok SELECT TOP with ORDER BY | nodes=select
SELECT TOP (10) Name FROM shop.Customers ORDER BY Name DESC
--- ok SELECT TOP n PERCENT WITH TIES | nodes=select
SELECT TOP 10 PERCENT WITH TIES Name FROM shop.Customers ORDER BY Name
--- ok SELECT DISTINCT | nodes=select
SELECT DISTINCT City FROM shop.Customers
--- ok inner and left joins with aliases | nodes=select
SELECT c.Name, o.OrderId, l.Quantity FROM shop.Customers AS c
INNER JOIN shop.Orders o ON o.CustomerId = c.CustomerId
LEFT OUTER JOIN shop.Lines AS l ON l.OrderId = o.OrderId
--- ok right, full and cross joins | nodes=select
SELECT * FROM shop.Orders o RIGHT JOIN shop.Customers c ON c.CustomerId = o.CustomerId FULL JOIN shop.Lines l ON l.OrderId = o.OrderId CROSS JOIN shop.Customers x
--- ok CROSS APPLY and OUTER APPLY | nodes=select
SELECT c.Name, last.OrderId FROM shop.Customers c
CROSS APPLY (SELECT TOP (1) OrderId FROM shop.Orders o WHERE o.CustomerId = c.CustomerId ORDER BY OrderedAt DESC) AS last
OUTER APPLY (SELECT COUNT(*) AS N FROM shop.Lines) AS n
--- ok GROUP BY and HAVING | nodes=select
SELECT CustomerId, COUNT(*) AS Orders FROM shop.Orders GROUP BY CustomerId HAVING COUNT(*) > 1
--- ok aggregates with DISTINCT | nodes=select
SELECT COUNT(DISTINCT CustomerId), SUM(Quantity * UnitPrice), AVG(CAST(Quantity AS float)), MIN(UnitPrice), MAX(UnitPrice) FROM shop.Lines
--- ok window functions | nodes=select
SELECT OrderId, ROW_NUMBER() OVER (PARTITION BY CustomerId ORDER BY OrderedAt) AS N, SUM(OrderId) OVER (ORDER BY OrderId ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS R FROM shop.Orders
--- ok CASE searched and simple | nodes=select
SELECT CASE WHEN Quantity > 10 THEN 'bulk' WHEN Quantity > 1 THEN 'some' ELSE 'one' END, CASE Quantity WHEN 1 THEN 'x' END FROM shop.Lines
--- ok CAST, CONVERT, TRY_CAST and TRY_CONVERT | nodes=select
SELECT CAST(OrderedAt AS date), CONVERT(varchar(10), OrderedAt, 120), TRY_CAST('x' AS int), TRY_CONVERT(decimal(10, 2), '1.5') FROM shop.Orders
--- ok string functions, LEFT and RIGHT | nodes=select
SELECT LEFT(Name, 3), RIGHT(Name, 2), LOWER(TRIM(Email)), LEN(Name), DATALENGTH(Name), CONCAT(Name, N' <', Email, N'>'), Name + N'!' FROM shop.Customers
--- ok COALESCE, NULLIF, IIF and ISNULL | nodes=select
SELECT COALESCE(Email, N'-'), NULLIF(City, N''), IIF(City IS NULL, 0, 1), ISNULL(City, N'?') FROM shop.Customers
--- ok IN list, IN subquery, EXISTS and NOT EXISTS | nodes=select
SELECT * FROM shop.Customers c WHERE City IN (N'Oslo', N'Bergen') AND CustomerId IN (SELECT CustomerId FROM shop.Orders) AND EXISTS (SELECT 1 FROM shop.Orders o WHERE o.CustomerId = c.CustomerId) AND NOT EXISTS (SELECT 1 FROM shop.Lines)
--- ok BETWEEN, NOT BETWEEN, LIKE with ESCAPE | nodes=select
SELECT * FROM shop.Lines WHERE Quantity BETWEEN 1 AND 5 AND UnitPrice NOT BETWEEN 0 AND 1 AND CAST(OrderId AS varchar(10)) LIKE '1!_%' ESCAPE '!'
--- ok a scalar subquery in the select list | nodes=select
SELECT Name, (SELECT COUNT(*) FROM shop.Orders o WHERE o.CustomerId = c.CustomerId) AS Orders FROM shop.Customers c
--- ok a derived table with a column alias list | nodes=select
SELECT t.n FROM (SELECT CustomerId FROM shop.Customers) AS t (n)
--- ok a VALUES table constructor | nodes=select
SELECT v.a, v.b FROM (VALUES (1, 'x'), (2, 'y')) AS v (a, b)
--- ok UNION ALL, EXCEPT and INTERSECT | nodes=select
SELECT City FROM shop.Customers UNION ALL SELECT N'Oslo' EXCEPT SELECT N'Bergen' INTERSECT SELECT City FROM shop.Customers
--- ok ORDER BY with OFFSET FETCH | nodes=select
SELECT Name FROM shop.Customers ORDER BY Name OFFSET 10 ROWS FETCH NEXT 5 ROWS ONLY
--- ok a CTE | nodes=select
WITH big AS (SELECT OrderId FROM shop.Lines WHERE Quantity > 10) SELECT * FROM big
--- ok two CTEs, one with columns | nodes=select
WITH a (id) AS (SELECT CustomerId FROM shop.Customers), b AS (SELECT id FROM a WHERE id > 1) SELECT id FROM b
--- ok a recursive CTE | nodes=select
WITH n AS (SELECT 1 AS i UNION ALL SELECT i + 1 FROM n WHERE i < 10) SELECT i FROM n OPTION (MAXRECURSION 100)
--- ok SELECT INTO a temp table | nodes=select
SELECT CustomerId, Name INTO #copy FROM shop.Customers
--- ok variables assigned by SELECT | nodes=declare,select
DECLARE @n int
SELECT @n = COUNT(*) FROM shop.Customers
--- ok table hints | nodes=select
SELECT * FROM shop.Orders WITH (NOLOCK) WHERE OrderId = 1
--- ok FOR JSON PATH | nodes=select
SELECT CustomerId, Name FROM shop.Customers FOR JSON PATH, ROOT('customers')
--- ok FOR XML RAW | nodes=select
SELECT CustomerId FROM shop.Customers FOR XML RAW('c'), ELEMENTS
--- ok FOR SYSTEM_TIME AS OF | nodes=select
SELECT * FROM shop.Customers FOR SYSTEM_TIME AS OF '2024-01-01' AS c
--- ok a string column alias and = alias | nodes=select
SELECT 'x' AS 'Label', Total = 1 + 2 FROM shop.Customers
--- ok arithmetic and bitwise operators | nodes=select
SELECT (Quantity * UnitPrice) / 2 % 3 - -1, Quantity & 1, Quantity | 2, Quantity ^ 3, ~Quantity FROM shop.Lines
--- ok STRING_AGG WITHIN GROUP | nodes=select
SELECT STRING_AGG(Name, N', ') WITHIN GROUP (ORDER BY Name) FROM shop.Customers
--- ok NEXT VALUE FOR, COLLATE and AT TIME ZONE | nodes=select
SELECT Name COLLATE Latin1_General_BIN2, OrderedAt AT TIME ZONE 'UTC' FROM shop.Customers c JOIN shop.Orders o ON o.CustomerId = c.CustomerId
--- ok a comparison with ANY and ALL | nodes=select
SELECT * FROM shop.Lines WHERE Quantity > ALL (SELECT Quantity FROM shop.Lines WHERE OrderId = 1) OR Quantity = ANY (SELECT 1)
--- ok INSERT with a column list and VALUES | nodes=insert
INSERT INTO shop.Customers (Name, Email) VALUES (N'Ada', N'ada@example.com')
--- ok INSERT several rows | nodes=insert
INSERT shop.Customers (Name) VALUES (N'A'), (N'B'), (N'C')
--- ok INSERT … SELECT | nodes=insert
INSERT INTO shop.Orders (CustomerId) SELECT CustomerId FROM shop.Customers WHERE City IS NULL
--- ok INSERT … DEFAULT VALUES | nodes=ddl,insert
CREATE TABLE dbo.Ticks (Id int IDENTITY PRIMARY KEY, At datetime2 DEFAULT SYSDATETIME())
INSERT INTO dbo.Ticks DEFAULT VALUES
--- ok INSERT … EXEC | nodes=insert
INSERT INTO #t EXEC dbo.ListCustomers @City = N'Oslo'
--- ok INSERT with OUTPUT INTO a table variable | nodes=declare,insert
DECLARE @ids TABLE (Id int)
INSERT INTO shop.Customers (Name) OUTPUT inserted.CustomerId INTO @ids (Id) VALUES (N'Z')
--- ok INSERT with a CTE | nodes=insert
WITH src AS (SELECT N'x' AS Name) INSERT INTO shop.Customers (Name) SELECT Name FROM src
--- ok INSERT with NOT EXISTS | nodes=insert
INSERT INTO shop.Customers (Name) SELECT N'New' WHERE NOT EXISTS (SELECT 1 FROM shop.Customers WHERE Name = N'New')
--- ok UPDATE with SET and WHERE | nodes=update
UPDATE shop.Customers SET City = N'Oslo', Email = NULL WHERE CustomerId = 1
--- ok UPDATE with a compound assignment | nodes=update
UPDATE shop.Lines SET Quantity += 1, UnitPrice *= 1.1 WHERE OrderId = 1
--- ok UPDATE … FROM a join | nodes=update
UPDATE o SET Status = 'vip' FROM shop.Orders AS o JOIN shop.Customers AS c ON c.CustomerId = o.CustomerId WHERE c.City = N'Oslo'
--- ok UPDATE TOP with OUTPUT | nodes=update
UPDATE TOP (100) shop.Orders SET Status = 'old' OUTPUT deleted.Status, inserted.Status WHERE OrderedAt < '2020-01-01'
--- ok UPDATE assigning a variable and a column | nodes=declare,update
DECLARE @price decimal(10, 2)
UPDATE shop.Lines SET @price = UnitPrice = UnitPrice * 2 WHERE OrderId = 1
--- ok UPDATE with a table hint | nodes=update
UPDATE shop.Orders WITH (UPDLOCK, ROWLOCK) SET Status = 'x' WHERE OrderId = 1
--- ok DELETE with WHERE | nodes=delete
DELETE FROM shop.Lines WHERE Quantity = 0
--- ok DELETE without FROM | nodes=delete
DELETE shop.Lines WHERE Quantity < 0
--- ok DELETE … FROM a join | nodes=delete
DELETE l FROM shop.Lines AS l JOIN shop.Orders AS o ON o.OrderId = l.OrderId WHERE o.Status = 'void'
--- ok DELETE TOP | nodes=delete
DELETE TOP (1000) FROM shop.Lines WHERE OrderId > 5
--- ok TRUNCATE TABLE | nodes=truncate
TRUNCATE TABLE shop.Lines
--- ok MERGE with three clauses | nodes=merge
MERGE INTO shop.Customers AS t
USING (SELECT N'Ada' AS Name, N'Oslo' AS City) AS s ON t.Name = s.Name
WHEN MATCHED AND t.City <> s.City THEN UPDATE SET City = s.City
WHEN NOT MATCHED BY TARGET THEN INSERT (Name, City) VALUES (s.Name, s.City)
WHEN NOT MATCHED BY SOURCE THEN DELETE
OUTPUT $action, inserted.CustomerId;
--- syntax MERGE without its semicolon | says to end the MERGE
MERGE shop.Customers AS t USING shop.Customers AS s ON t.CustomerId = s.CustomerId
WHEN MATCHED THEN UPDATE SET Name = s.Name
--- syntax MERGE without a WHEN clause | says WHEN MATCHED
MERGE shop.Customers AS t USING shop.Customers AS s ON t.CustomerId = s.CustomerId;
--- syntax INSERT VALUES with a missing comma | line 1
INSERT INTO shop.Lines (OrderId, ProductId, Quantity, UnitPrice) VALUES (1, 2 3, 4.5)
--- syntax INSERT VALUES rows of different sizes | line 2
INSERT INTO shop.Customers (Name, City) VALUES (N'A', N'Oslo'),
  (N'B')
--- syntax INSERT VALUES with an unclosed row | says ")"
INSERT INTO shop.Customers (Name) VALUES (N'A'
--- syntax INSERT without VALUES | says expected SELECT
INSERT INTO shop.Customers (Name) (N'A')
--- syntax a call left open | says expected an expression
SELECT SCOPE_IDENTITY(;
--- syntax SELECT with a trailing comma | line 1
SELECT Name, FROM shop.Customers
--- syntax SELECT … WHERE with nothing after it | says expected an expression
SELECT Name FROM shop.Customers WHERE
--- syntax UPDATE without SET | says SET
UPDATE shop.Customers City = N'Oslo'
--- syntax JOIN without ON | says ON
SELECT * FROM shop.Orders o JOIN shop.Customers c WHERE c.CustomerId = 1
--- syntax CASE without END | says END to close the CASE
SELECT CASE WHEN 1 = 1 THEN 'a' FROM shop.Customers
--- syntax an unclosed parenthesis | says ")"
SELECT (1 + 2 FROM shop.Customers
--- syntax an unclosed string | says never closed
SELECT 'abc FROM shop.Customers
--- syntax LIMIT is not T-SQL | line 1
SELECT Name FROM shop.Customers LIMIT 10
--- syntax a double-quoted string compares as a name but a bad operator fails | line 1
SELECT * FROM shop.Customers WHERE Name == N'x'
--- syntax NOT without IN, LIKE or BETWEEN | says after NOT
SELECT * FROM shop.Customers WHERE Name NOT = N'x'
--- syntax GROUP without BY | line 1
SELECT City, COUNT(*) FROM shop.Customers GROUP City
--- syntax ORDER without BY | line 1
SELECT City FROM shop.Customers ORDER City
--- syntax WITH CTE not followed by a statement | says after the WITH clause
WITH a AS (SELECT 1 AS x) PRINT 'x'
