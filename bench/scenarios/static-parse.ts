import { analyzeScripts } from '../../packages/sql-kit/src/index.ts'
import type { BenchScenario } from '../bench-scenario.ts'

/** One module's worth of a realistic schema script: tables, keys, an index, a view, a procedure, data, grants. */
function part(i: number): string {
  return `IF SCHEMA_ID(N's${i}') IS NULL EXEC (N'CREATE SCHEMA s${i} AUTHORIZATION dbo');
GO
CREATE TABLE s${i}.Customers (
  CustomerId int IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Customers_${i} PRIMARY KEY,
  Email nvarchar(320) NOT NULL CONSTRAINT UQ_Customers_Email_${i} UNIQUE,
  Name nvarchar(100) NOT NULL,
  CreatedAt datetime2(3) NOT NULL CONSTRAINT DF_Customers_CreatedAt_${i} DEFAULT (SYSUTCDATETIME()),
  CONSTRAINT CK_Customers_Email_${i} CHECK (Email LIKE N'%_@_%' AND LEN(Email) > 3)
);
CREATE TABLE s${i}.Orders (
  OrderId int IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Orders_${i} PRIMARY KEY,
  CustomerId int NOT NULL CONSTRAINT FK_Orders_Customers_${i} REFERENCES s${i}.Customers (CustomerId) ON DELETE CASCADE,
  Status varchar(10) NOT NULL CONSTRAINT CK_Orders_Status_${i} CHECK (Status IN ('new', 'paid', 'shipped')),
  Total decimal(10, 2) NOT NULL CONSTRAINT CK_Orders_Total_${i} CHECK (Total >= 0),
  OrderedAt datetime2(0) NOT NULL
);
GO
CREATE NONCLUSTERED INDEX IX_Orders_Customer_${i} ON s${i}.Orders (CustomerId, OrderedAt DESC) INCLUDE (Total) WHERE Status <> 'new';
GO
CREATE VIEW s${i}.CustomerTotals AS
SELECT c.CustomerId, c.Name, COUNT(o.OrderId) AS Orders, COALESCE(SUM(o.Total), 0) AS Revenue
FROM s${i}.Customers AS c
LEFT JOIN s${i}.Orders AS o ON o.CustomerId = c.CustomerId
GROUP BY c.CustomerId, c.Name;
GO
CREATE PROCEDURE s${i}.PlaceOrder @CustomerId int, @Total decimal(10, 2) AS
BEGIN
  SET NOCOUNT ON;
  BEGIN TRY
    BEGIN TRANSACTION;
    IF NOT EXISTS (SELECT 1 FROM s${i}.Customers WHERE CustomerId = @CustomerId)
      THROW 50001, N'No such customer', 1;
    INSERT INTO s${i}.Orders (CustomerId, Status, Total, OrderedAt) VALUES (@CustomerId, 'new', @Total, SYSUTCDATETIME());
    COMMIT TRANSACTION;
  END TRY
  BEGIN CATCH
    IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;
    THROW;
  END CATCH
END
GO
INSERT INTO s${i}.Customers (Email, Name) VALUES (N'a${i}@example.com', N'Ada'), (N'g${i}@example.com', N'Grace');
GRANT SELECT ON SCHEMA::s${i} TO public;
GO
`
}

/** A script of at least `lines` lines, made of whole parts. */
export function staticParseScript(lines: number): string {
  let text = ''
  for (let i = 0; text.split('\n').length < lines; i++) text += part(i)
  return text
}

const script = staticParseScript(1000)

/** The static engine reading a 1,000-line schema script (issue 13: under 50 ms median). */
export const staticParse1000: BenchScenario = {
  name: `static parse of a ${script.split('\n').length}-line T-SQL script (in-process)`,
  targetMs: 50,
  runs: 21,
  async setup() {
    const issues = analyzeScripts([{ file: 'schema.sql', text: script }]).issues
    if (issues.length) throw new Error(`the bench script has issues: ${issues[0]?.message}`)
  },
  async run() {
    analyzeScripts([{ file: 'schema.sql', text: script }])
  },
}
