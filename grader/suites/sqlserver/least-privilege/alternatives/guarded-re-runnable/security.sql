-- Re-runnable: every step checks first.
IF NOT EXISTS (SELECT 1 FROM sys.database_principals WHERE name = N'reporting_reader')
  CREATE ROLE reporting_reader;
GO
GRANT SELECT ON SCHEMA::reporting TO reporting_reader;
GO
IF DATABASE_PRINCIPAL_ID(N'report_reader') IS NOT NULL
BEGIN
  ALTER ROLE reporting_reader ADD MEMBER report_reader;
END
GO
