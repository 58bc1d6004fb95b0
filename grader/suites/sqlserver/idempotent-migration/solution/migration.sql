-- Version 2: customers may have several email addresses. Safe to run any number of times.
IF OBJECT_ID(N'shop.CustomerEmails', N'U') IS NULL
  CREATE TABLE shop.CustomerEmails (
    CustomerEmailId int IDENTITY(1, 1) NOT NULL CONSTRAINT PK_CustomerEmails PRIMARY KEY,
    CustomerId int NOT NULL CONSTRAINT FK_CustomerEmails_Customers REFERENCES shop.Customers (CustomerId),
    Email nvarchar(320) NOT NULL CONSTRAINT UQ_CustomerEmails_Email UNIQUE,
    IsPrimary bit NOT NULL CONSTRAINT DF_CustomerEmails_IsPrimary DEFAULT (0)
  );
GO
-- Backfill: one primary row per customer with a usable email, only where it is not there yet.
INSERT INTO shop.CustomerEmails (CustomerId, Email, IsPrimary)
SELECT c.CustomerId, LOWER(TRIM(c.Email)), 1
FROM shop.Customers AS c
WHERE NULLIF(TRIM(c.Email), N'') IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM shop.CustomerEmails AS e WHERE e.CustomerId = c.CustomerId AND e.IsPrimary = 1);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'IX_CustomerEmails_CustomerId' AND object_id = OBJECT_ID(N'shop.CustomerEmails'))
  CREATE INDEX IX_CustomerEmails_CustomerId ON shop.CustomerEmails (CustomerId) INCLUDE (Email, IsPrimary);
GO
