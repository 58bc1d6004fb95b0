CREATE SCHEMA reporting;
GO
CREATE TABLE dbo.Orders (OrderId int PRIMARY KEY, Total decimal(10, 2) NOT NULL);
GO
CREATE VIEW reporting.Daily AS SELECT COUNT(*) AS N FROM dbo.Orders;
GO
CREATE USER report_reader WITHOUT LOGIN;
GO
--- ok CREATE ROLE | role reader; nodes=principal
CREATE ROLE reader
--- ok CREATE ROLE with AUTHORIZATION | role [reader]
CREATE ROLE [reader] AUTHORIZATION [dbo]
--- ok CREATE USER WITHOUT LOGIN | nodes=principal
CREATE USER app_user WITHOUT LOGIN
--- ok CREATE USER FOR LOGIN with a default schema | nodes=principal
CREATE USER web FOR LOGIN web_login WITH DEFAULT_SCHEMA = reporting
--- ok ALTER ROLE ADD MEMBER | member reader:report_reader
CREATE ROLE reader
GO
ALTER ROLE reader ADD MEMBER report_reader
--- ok sp_addrolemember | member reader:report_reader
CREATE ROLE reader
EXEC sp_addrolemember N'reader', N'report_reader'
--- ok sp_addrolemember with named arguments | member reader:report_reader
CREATE ROLE reader
EXEC sp_addrolemember @rolename = N'reader', @membername = N'report_reader'
--- ok ALTER ROLE DROP MEMBER | role reader
CREATE ROLE reader
ALTER ROLE reader ADD MEMBER report_reader
ALTER ROLE reader DROP MEMBER report_reader
--- ok GRANT SELECT ON SCHEMA to a role reaches its member | can report_reader SELECT reporting.Daily; cannot report_reader SELECT dbo.Orders
CREATE ROLE reader
GRANT SELECT ON SCHEMA::reporting TO reader
ALTER ROLE reader ADD MEMBER report_reader
--- ok GRANT on an object | can report_reader SELECT reporting.Daily
GRANT SELECT ON OBJECT::reporting.Daily TO report_reader
--- ok GRANT on an object without OBJECT:: | can report_reader SELECT reporting.Daily
GRANT SELECT ON reporting.Daily TO report_reader
--- ok GRANT SELECT ON SCHEMA::dbo exposes the tables | can report_reader SELECT dbo.Orders
GRANT SELECT ON SCHEMA::dbo TO report_reader
--- ok db_datareader reads every table | can report_reader SELECT dbo.Orders; member db_datareader:report_reader
ALTER ROLE db_datareader ADD MEMBER report_reader
--- ok db_denydatareader denies | cannot report_reader SELECT reporting.Daily
GRANT SELECT ON SCHEMA::reporting TO report_reader
ALTER ROLE db_denydatareader ADD MEMBER report_reader
--- ok DENY beats GRANT | cannot report_reader SELECT dbo.Orders
CREATE ROLE reader
ALTER ROLE reader ADD MEMBER report_reader
GRANT SELECT ON SCHEMA::dbo TO reader
DENY SELECT ON dbo.Orders TO report_reader
--- ok REVOKE removes a GRANT | cannot report_reader SELECT reporting.Daily
GRANT SELECT ON SCHEMA::reporting TO report_reader
REVOKE SELECT ON SCHEMA::reporting FROM report_reader
--- ok REVOKE removes a DENY | can report_reader SELECT dbo.Orders
GRANT SELECT ON SCHEMA::dbo TO report_reader
DENY SELECT ON OBJECT::dbo.Orders TO report_reader
REVOKE SELECT ON OBJECT::dbo.Orders TO report_reader
--- ok a database-wide GRANT | can report_reader SELECT dbo.Orders
GRANT SELECT TO report_reader
--- ok roles inside roles | can report_reader SELECT reporting.Daily
CREATE ROLE inner_role
CREATE ROLE outer_role
GRANT SELECT ON SCHEMA::reporting TO outer_role
ALTER ROLE outer_role ADD MEMBER inner_role
ALTER ROLE inner_role ADD MEMBER report_reader
--- ok GRANT to public reaches everyone | can report_reader SELECT reporting.Daily
GRANT SELECT ON SCHEMA::reporting TO public
--- ok db_owner can do anything | can report_reader DELETE dbo.Orders
ALTER ROLE db_owner ADD MEMBER report_reader
--- ok GRANT several permissions WITH GRANT OPTION | can report_reader INSERT dbo.Orders; can report_reader UPDATE dbo.Orders
GRANT SELECT, INSERT, UPDATE ON dbo.Orders TO report_reader WITH GRANT OPTION
--- ok GRANT on columns | can report_reader SELECT dbo.Orders
GRANT SELECT (OrderId, Total) ON dbo.Orders TO report_reader
--- ok GRANT EXECUTE and CREATE TABLE | nodes=permission,permission
GRANT EXECUTE ON SCHEMA::reporting TO report_reader
GRANT CREATE TABLE TO report_reader
--- ok GRANT ALL PRIVILEGES | can report_reader SELECT dbo.Orders
GRANT ALL PRIVILEGES ON dbo.Orders TO report_reader
--- ok a guarded CREATE ROLE with sys.database_principals | role reader
IF NOT EXISTS (SELECT 1 FROM sys.database_principals WHERE name = N'reader')
  CREATE ROLE reader
--- ok the guard skips a role that exists | role reader
CREATE ROLE reader
GO
IF NOT EXISTS (SELECT 1 FROM sys.database_principals WHERE name = N'reader' AND type = 'R')
  CREATE ROLE reader
--- ok DATABASE_PRINCIPAL_ID guard | role reader
IF DATABASE_PRINCIPAL_ID(N'reader') IS NULL CREATE ROLE reader
--- ok USER_ID guard | nodes=if
IF USER_ID(N'report_reader') IS NULL CREATE USER report_reader WITHOUT LOGIN
--- ok DROP ROLE | nodes=principal,ddl
CREATE ROLE temp_role
DROP ROLE temp_role
--- semantic a role created twice | says already a user or role
CREATE ROLE reader
CREATE ROLE reader
--- semantic ALTER ROLE on a role that does not exist | says does not exist
ALTER ROLE nobody ADD MEMBER report_reader
--- semantic adding a member that does not exist | says no user or role
CREATE ROLE reader
ALTER ROLE reader ADD MEMBER ghost
--- semantic GRANT to a principal that does not exist | says cannot find the user or role
GRANT SELECT ON SCHEMA::reporting TO ghost
--- semantic GRANT on a schema that does not exist | says cannot find the schema
GRANT SELECT ON SCHEMA::sales TO report_reader
--- semantic GRANT on an object that does not exist | says cannot find the object
GRANT SELECT ON reporting.Monthly TO report_reader
--- syntax GRANT without TO | says TO
GRANT SELECT ON SCHEMA::reporting report_reader
--- syntax GRANT on an unknown securable class | says OBJECT::, SCHEMA:: or DATABASE::
GRANT SELECT ON TABLE::dbo.Orders TO report_reader
--- syntax ALTER ROLE without MEMBER | line 1
ALTER ROLE db_datareader ADD report_reader
--- syntax REVOKE with TO misspelt | line 1
REVOKE SELECT ON SCHEMA::reporting FORM report_reader
