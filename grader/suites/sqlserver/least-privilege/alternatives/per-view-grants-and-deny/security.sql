CREATE ROLE [reporting_reader] AUTHORIZATION [dbo];
GRANT SELECT ON OBJECT::[reporting].[DailySales] TO [reporting_reader];
GRANT SELECT ON [reporting].[CustomerRevenue] TO [reporting_reader];
-- Belt and braces: the views still work, through their ownership chain.
DENY SELECT ON SCHEMA::dbo TO [reporting_reader];
EXEC sp_addrolemember N'reporting_reader', N'report_reader';
