import { Dialect, parse } from '@polyglot-sql/sdk'
import { describe, expect, it } from 'vitest'
import { analyzeScripts } from './static-engine.ts'

// The evidence behind the parser choice written at the top of static-engine.ts. If polyglot's
// verdicts change (a new version), this test fails: re-read the decision then.
const VALID_FORMS: Record<string, string> = {
  'foreign key with ON DELETE/UPDATE': `CREATE TABLE dbo.P (Id int PRIMARY KEY)
GO
CREATE TABLE dbo.L (Id int NOT NULL, PId int NOT NULL, CONSTRAINT FK_L_P FOREIGN KEY (PId) REFERENCES dbo.P (Id) ON DELETE CASCADE ON UPDATE NO ACTION)`,
  'named column-level constraints': `CREATE TABLE dbo.T (Email nvarchar(200) NOT NULL CONSTRAINT UQ_T_Email UNIQUE, CONSTRAINT CK_T CHECK (LEN(Email) > 3))`,
  'column-level PRIMARY KEY CLUSTERED':
    'CREATE TABLE dbo.T (Id int NOT NULL CONSTRAINT PK_T PRIMARY KEY CLUSTERED)',
  'column-level PRIMARY KEY NONCLUSTERED': 'CREATE TABLE dbo.T (Id int NOT NULL PRIMARY KEY NONCLUSTERED)',
  'table-level PRIMARY KEY CLUSTERED':
    'CREATE TABLE dbo.T (Id int NOT NULL, CONSTRAINT PK_T PRIMARY KEY CLUSTERED (Id DESC))',
  'ALTER TABLE WITH CHECK ADD CONSTRAINT': `CREATE TABLE dbo.U (Id int PRIMARY KEY);
CREATE TABLE dbo.T (A int);
GO
ALTER TABLE [dbo].[T] WITH CHECK ADD CONSTRAINT [FK_x] FOREIGN KEY([A]) REFERENCES [dbo].[U] ([Id]) ON DELETE SET NULL`,
  'CREATE UNIQUE NONCLUSTERED INDEX INCLUDE WHERE': `CREATE TABLE dbo.T (A int, B int, C int, D int)
GO
CREATE UNIQUE NONCLUSTERED INDEX IX_T ON dbo.T (A ASC, B DESC) INCLUDE (C, D) WHERE C IS NOT NULL`,
  'computed column': 'CREATE TABLE dbo.T (A int, B int, C AS (A*B) PERSISTED)',
  'brackets, IDENTITY, DEFAULT, CHECK': `CREATE SCHEMA sales
GO
CREATE TABLE [sales].[T] ([Id] int IDENTITY(1,1) NOT NULL, [Name] nvarchar(100) NOT NULL DEFAULT (N'x'), Price decimal(10,2) CHECK (Price >= 0))`,
  view: 'CREATE VIEW dbo.V AS SELECT 1 AS A',
  procedure: 'CREATE PROCEDURE dbo.P @a int AS BEGIN SET NOCOUNT ON; SELECT @a; END',
  'IF NOT EXISTS guard':
    "IF NOT EXISTS (SELECT 1 FROM sys.schemas WHERE name = 'sales') EXEC('CREATE SCHEMA sales')",
  'IF OBJECT_ID IS NULL guard': "IF OBJECT_ID(N'dbo.T', N'U') IS NULL CREATE TABLE dbo.T (Id int)",
  'IF … BEGIN … END': "IF OBJECT_ID('dbo.T') IS NULL BEGIN CREATE TABLE dbo.T (Id int) END",
  'CREATE OR ALTER VIEW': 'CREATE OR ALTER VIEW dbo.V AS SELECT 1 AS X',
  'statements without ";" between them': 'CREATE TABLE dbo.A (Id int)\nCREATE TABLE dbo.B (Id int)',
}

// T-SQL that SQL Server rejects: a parser used as a syntax oracle must reject it too.
const INVALID_FORMS: Record<string, string> = {
  'MySQL AUTO_INCREMENT': 'CREATE TABLE dbo.T (Id int AUTO_INCREMENT PRIMARY KEY)',
  'PostgreSQL SERIAL': 'CREATE TABLE dbo.T (Id SERIAL PRIMARY KEY)',
  'misspelt NULL': 'CREATE TABLE dbo.T (Id int NOT NUL)',
}

const polyglotParses = (sql: string) =>
  sql.split(/^GO$/m).every((batch) => parse(batch, Dialect.TSQL).success)
const oursParses = (sql: string) => analyzeScripts([{ file: 'f.sql', text: sql }]).issues.length === 0

describe('parser choice: polyglot 0.12 (Dialect.TSQL) versus our parser', () => {
  it('our parser accepts every valid form; polyglot rejects PRIMARY KEY [NON]CLUSTERED on a column, IF guards and statements without ;', () => {
    const verdicts = Object.entries(VALID_FORMS).map(([form, sql]) => [
      form,
      polyglotParses(sql),
      oursParses(sql),
    ])
    expect(verdicts.filter(([, , ours]) => !ours)).toEqual([])
    expect(verdicts.filter(([, polyglot]) => !polyglot).map(([form]) => form)).toEqual([
      'column-level PRIMARY KEY CLUSTERED',
      'column-level PRIMARY KEY NONCLUSTERED',
      'IF NOT EXISTS guard',
      'IF OBJECT_ID IS NULL guard',
      'IF … BEGIN … END',
      'statements without ";" between them',
    ])
  })

  it('our parser rejects what SQL Server rejects; polyglot accepts MySQL and PostgreSQL forms', () => {
    const verdicts = Object.entries(INVALID_FORMS).map(([form, sql]) => [
      form,
      polyglotParses(sql),
      oursParses(sql),
    ])
    expect(verdicts).toEqual([
      ['MySQL AUTO_INCREMENT', true, false],
      ['PostgreSQL SERIAL', true, false],
      ['misspelt NULL', false, false],
    ])
  })

  it('polyglot drops the name of a column-level DEFAULT constraint; our model keeps it', () => {
    const sql = 'CREATE TABLE dbo.T (Id int NOT NULL CONSTRAINT DF_T_Id DEFAULT (0))'
    expect(JSON.stringify(parse(sql, Dialect.TSQL).ast)).not.toContain('DF_T_Id')
    const ours = analyzeScripts([{ file: 'f.sql', text: sql }]).model.tables[0]?.columns[0]?.default
    expect(ours).toEqual({ name: 'DF_T_Id', expression: '(0)' })
  })
})
