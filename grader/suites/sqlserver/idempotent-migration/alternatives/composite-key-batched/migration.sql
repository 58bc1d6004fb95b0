SET NOCOUNT ON;
IF NOT EXISTS (SELECT 1 FROM sys.tables WHERE name = N'CustomerEmails' AND schema_id = SCHEMA_ID(N'shop'))
BEGIN
  CREATE TABLE [shop].[CustomerEmails] (
    [IsPrimary] bit NOT NULL,
    [Email] nvarchar(320) NOT NULL,
    [CustomerId] int NOT NULL,
    CONSTRAINT pk_customer_emails PRIMARY KEY CLUSTERED ([CustomerId], [Email]),
    CONSTRAINT uq_customer_emails_email UNIQUE ([Email]),
    CONSTRAINT fk_customer_emails_customer FOREIGN KEY ([CustomerId]) REFERENCES [shop].[Customers] ([CustomerId])
  );
END
GO
-- Backfill in batches of 500, so a big table never holds one long transaction.
DECLARE @batch int = 500;
WHILE 1 = 1
BEGIN
  INSERT INTO shop.CustomerEmails (CustomerId, Email, IsPrimary)
  SELECT TOP (@batch) c.CustomerId, LOWER(LTRIM(RTRIM(c.Email))), 1
  FROM shop.Customers AS c
  WHERE LTRIM(RTRIM(ISNULL(c.Email, N''))) <> N''
    AND NOT EXISTS (SELECT 1 FROM shop.CustomerEmails AS e WHERE e.CustomerId = c.CustomerId AND e.IsPrimary = 1)
  ORDER BY c.CustomerId;
  IF @@ROWCOUNT < @batch BREAK;
END
GO
