CREATE ROLE reporting_reader;
GO
-- Everything in the reporting schema, now and later; nothing on dbo.
GRANT SELECT ON SCHEMA::reporting TO reporting_reader;
GO
ALTER ROLE reporting_reader ADD MEMBER report_reader;
GO
