import { describe, expect, it } from 'vitest'
import { findTable } from '../schema-model.ts'
import { analyzeScripts } from './static-engine.ts'
import { formatIssue } from './static-result.ts'

const analyze = (text: string) => analyzeScripts([{ file: 'schema.sql', text }])
const problems = (text: string) => analyze(text).issues.map(formatIssue)
const table = (text: string, name: string) => {
  const result = analyze(text)
  expect(result.issues.map(formatIssue)).toEqual([])
  return findTable(result.model, name)!
}

describe('static engine: the forms of a schema-design lab', () => {
  it('reads column-level PRIMARY KEY CLUSTERED / NONCLUSTERED (which polyglot rejects)', () => {
    expect(
      table('CREATE TABLE dbo.T (Id int NOT NULL CONSTRAINT PK_T PRIMARY KEY NONCLUSTERED)', 'dbo.T')
        .primaryKey,
    ).toMatchObject({
      name: 'PK_T',
      clustered: false,
    })
  })

  it('reads ALTER TABLE … WITH CHECK ADD CONSTRAINT, DEFAULT … FOR, and several items at once', () => {
    const script = `CREATE TABLE dbo.P (Id int PRIMARY KEY)
CREATE TABLE dbo.L (Id int NOT NULL, PId int NULL, Qty int NOT NULL)
GO
ALTER TABLE [dbo].[L] WITH CHECK ADD CONSTRAINT [FK_L_P] FOREIGN KEY([PId]) REFERENCES [dbo].[P] ([Id]) ON DELETE SET NULL ON UPDATE CASCADE
GO
ALTER TABLE dbo.L ADD CONSTRAINT DF_L_Qty DEFAULT (1) FOR Qty, CONSTRAINT CK_L_Qty CHECK (Qty > 0), Note nvarchar(50) NULL
ALTER TABLE dbo.L ADD CONSTRAINT PK_L PRIMARY KEY (Id)`
    const l = table(script, 'dbo.L')
    expect(l.foreignKeys.map((f) => [f.name, f.onDelete, f.onUpdate, f.source?.line])).toEqual([
      ['FK_L_P', 'SET NULL', 'CASCADE', 4],
    ])
    expect(l.columns.find((c) => c.name === 'Qty')?.default).toEqual({ name: 'DF_L_Qty', expression: '(1)' })
    expect(l.checks.map((c) => c.name)).toEqual(['CK_L_Qty'])
    expect(l.columns.map((c) => c.name)).toEqual(['Id', 'PId', 'Qty', 'Note'])
    expect(l.primaryKey).toMatchObject({ name: 'PK_L', clustered: true })
  })

  it('reads ALTER COLUMN, DROP CONSTRAINT and DROP COLUMN', () => {
    const script = `CREATE TABLE dbo.T (Id int, Name varchar(10), Old int CONSTRAINT CK_Old CHECK (Old > 0))
ALTER TABLE dbo.T ALTER COLUMN Name nvarchar(50) NOT NULL
ALTER TABLE dbo.T DROP CONSTRAINT CK_Old
ALTER TABLE dbo.T DROP COLUMN Old`
    const t = table(script, 'dbo.T')
    expect(t.columns.map(({ source: _, ...c }) => c)).toEqual([
      { name: 'Id', type: 'int', nullable: true },
      { name: 'Name', type: 'nvarchar', length: 50, nullable: false },
    ])
    expect(t.checks).toEqual([])
    expect(problems('CREATE TABLE dbo.T (Id int)\nALTER TABLE dbo.T DROP CONSTRAINT CK_Nope')).toEqual([
      'schema.sql:2: dbo.T has no constraint named "CK_Nope"',
    ])
  })

  it('reads CREATE [UNIQUE] [NONCLUSTERED] INDEX … INCLUDE … WHERE and inline INDEX', () => {
    const script = `CREATE TABLE dbo.T (A int, B int, C int INDEX IX_C, INDEX IX_AB UNIQUE (A, B DESC) INCLUDE (C))
CREATE UNIQUE NONCLUSTERED INDEX IX_B ON dbo.T (B) INCLUDE (A) WHERE B IS NOT NULL WITH (ONLINE = OFF)
CREATE CLUSTERED INDEX CX_T ON dbo.T (A)`
    const t = table(script, 'dbo.T')
    expect(
      t.indexes.map((i) => [
        i.name,
        i.unique,
        i.clustered,
        i.keyColumns.map((k) => k.name + (k.descending ? '-' : '')),
        i.include,
        i.filter,
      ]),
    ).toEqual([
      ['IX_C', false, false, ['C'], [], undefined],
      ['IX_AB', true, false, ['A', 'B-'], ['C'], undefined],
      ['IX_B', true, false, ['B'], ['A'], 'B IS NOT NULL'],
      ['CX_T', false, true, ['A'], [], undefined],
    ])
    expect(problems('CREATE TABLE dbo.T (A int)\nCREATE INDEX IX ON dbo.T (Z)')).toEqual([
      'schema.sql:2: the column "Z" does not exist in dbo.T',
    ])
  })

  it('reads computed columns, bracketed names, IDENTITY, DEFAULT and CHECK', () => {
    const t = table(
      `CREATE TABLE [dbo].[Odd Name] ([Line]]Id] int IDENTITY (1, 1), [Total] AS [A] + 1, [A] int CONSTRAINT [DF A] DEFAULT -1 CHECK ([A] <> 0))`,
      'dbo.[odd name]',
    )
    expect(t.columns.map((c) => c.name)).toEqual(['Line]Id', 'Total', 'A'])
    expect(t.columns[1]?.computed).toEqual({ expression: '[A] + 1', persisted: false })
    expect(t.columns[2]?.default).toEqual({ name: 'DF A', expression: '-1' })
    expect(t.checks[0]?.expression).toBe('[A] <> 0')
  })

  it('applies the defaults SQL Server applies to types', () => {
    const t = table(
      'CREATE TABLE dbo.T (a varchar, b decimal, c datetime2, d float, e float(10), f integer)',
      'dbo.T',
    )
    expect(t.columns.map(({ name, source: _, nullable: __, ...type }) => [name, type])).toEqual([
      ['a', { type: 'varchar', length: 1 }],
      ['b', { type: 'decimal', precision: 18, scale: 0 }],
      ['c', { type: 'datetime2', scale: 7 }],
      ['d', { type: 'float', precision: 53 }],
      ['e', { type: 'real' }],
      ['f', { type: 'int' }],
    ])
  })

  it('evaluates existence guards against what the script has created so far', () => {
    const script = `IF NOT EXISTS (SELECT 1 FROM sys.schemas WHERE name = N'sales') EXEC('CREATE SCHEMA sales')
GO
IF OBJECT_ID(N'sales.T', N'U') IS NULL CREATE TABLE sales.T (Id int)
GO
IF OBJECT_ID(N'sales.T', N'U') IS NULL CREATE TABLE sales.T (Id int)
GO
IF OBJECT_ID('sales.T') IS NOT NULL DROP TABLE sales.T
ELSE CREATE TABLE sales.Never (Id int)
GO
IF NOT EXISTS (SELECT * FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'sales' AND TABLE_NAME = 'U')
BEGIN
  CREATE TABLE sales.U (Id int);
  CREATE INDEX IX_U ON sales.U (Id);
END
GO
IF EXISTS (SELECT 1 FROM sys.indexes WHERE name = 'IX_U') PRINT 'ok'
GO
IF NOT EXISTS (SELECT * FROM sys.objects WHERE object_id = OBJECT_ID(N'[sales].[U]') AND type in (N'U'))
  CREATE TABLE sales.U (Id int)`
    const { model, issues } = analyze(script)
    expect(issues).toEqual([])
    expect(model.schemas).toEqual(['dbo', 'sales'])
    expect(model.tables.map((t) => `${t.schema}.${t.name}`)).toEqual(['sales.U'])
  })

  it('reads both forms of DROP … IF EXISTS and CREATE OR ALTER', () => {
    const script = `DROP TABLE IF EXISTS dbo.T
CREATE TABLE dbo.T (Id int)
GO
CREATE OR ALTER VIEW dbo.V AS SELECT Id FROM dbo.T
GO
CREATE OR ALTER VIEW dbo.V AS SELECT Id AS X FROM dbo.T
GO
CREATE PROC dbo.P AS SELECT 1
GO
ALTER PROCEDURE dbo.P @x int AS SELECT @x
GO
DROP VIEW IF EXISTS dbo.Gone`
    const { model, issues } = analyze(script)
    expect(issues).toEqual([])
    expect(model.views.map((v) => v.definition)).toEqual([
      'CREATE OR ALTER VIEW dbo.V AS SELECT Id AS X FROM dbo.T',
    ])
    expect(model.procedures.map((p) => [p.name, p.source?.line])).toEqual([['P', 10]])
  })

  it('moves objects with ALTER SCHEMA … TRANSFER', () => {
    const { model } = analyze(
      'CREATE SCHEMA sales\nGO\nCREATE TABLE Orders (Id int)\nALTER SCHEMA sales TRANSFER dbo.Orders',
    )
    expect(model.tables.map((t) => `${t.schema}.${t.name}`)).toEqual(['sales.Orders'])
  })

  it('does not guess an IF condition it cannot evaluate', () => {
    const { issues, model } = analyze("IF DB_NAME() = 'x' CREATE TABLE dbo.T (Id int)")
    expect(issues.map((i) => `${i.kind} ${i.line}`)).toEqual(['unsupported 1'])
    expect(model.tables).toEqual([])
  })

  it('skips data statements, transactions, TRY/CATCH and CASE … END without losing its place', () => {
    const script = `BEGIN TRY
  BEGIN TRAN
  CREATE TABLE dbo.T (Id int, Kind int)
  INSERT INTO dbo.T (Id, Kind) SELECT 1, CASE WHEN 1 = 1 THEN 2 ELSE 3 END
  UPDATE dbo.T SET Kind = 4 WHERE Id = 1
  COMMIT
END TRY
BEGIN CATCH
  CREATE TABLE dbo.OnlyOnError (Id int)
  ROLLBACK
END CATCH
DECLARE @n int = 0
WHILE @n < 3 SET @n += 1
CREATE TABLE dbo.After (Id int)`
    const { model, issues } = analyze(script)
    expect(issues).toEqual([])
    expect(model.tables.map((t) => t.name)).toEqual(['T', 'After'])
  })

  it('reports valid T-SQL it does not model as unsupported, and still models the table', () => {
    const { model, issues } = analyze(
      'CREATE TABLE dbo.T (A datetime2, B datetime2, PERIOD FOR SYSTEM_TIME (A, B))',
    )
    expect(issues.map(formatIssue)).toEqual([
      'schema.sql:1: PERIOD FOR SYSTEM_TIME (a temporal table): valid T-SQL that the static grader does not model',
    ])
    expect(issues[0]?.kind).toBe('unsupported')
    expect(findTable(model, 'dbo.T')?.columns.map((c) => c.name)).toEqual(['A', 'B'])
  })

  it('reads a script as SSMS generates it', () => {
    const script = `SET ANSI_NULLS ON
GO
SET QUOTED_IDENTIFIER ON
GO
/****** Object:  Table [dbo].[Items]    Script Date: 1/1/2026 ******/
CREATE TABLE [dbo].[Items](
	[Id] [int] IDENTITY(1,1) NOT NULL,
	[Qty] [int] NOT NULL,
 CONSTRAINT [PK_Items] PRIMARY KEY CLUSTERED
(
	[Id] ASC
)WITH (PAD_INDEX = OFF, STATISTICS_NORECOMPUTE = OFF, IGNORE_DUP_KEY = OFF) ON [PRIMARY]
) ON [PRIMARY]
GO
ALTER TABLE [dbo].[Items] ADD  DEFAULT ((0)) FOR [Qty]
GO
ALTER TABLE [dbo].[Items]  WITH CHECK ADD  CONSTRAINT [CK_Items_Qty] CHECK  (([Qty]>=(0)))
GO
ALTER TABLE [dbo].[Items] CHECK CONSTRAINT [CK_Items_Qty]
GO`
    const items = table(script, 'dbo.Items')
    expect(items.primaryKey).toMatchObject({ name: 'PK_Items', clustered: true })
    expect(items.columns[1]?.default).toEqual({ expression: '((0))' })
    expect(items.checks.map((c) => [c.name, c.source?.line])).toEqual([['CK_Items_Qty', 17]])
  })

  it('runs a GO n batch n times, as SQL Server would', () => {
    expect(
      problems('CREATE SCHEMA s\nGO\nINSERT INTO t VALUES (1)\nGO 3\nCREATE TABLE s.T (Id int)\nGO 2'),
    ).toEqual(['schema.sql:5: there is already an object named "s.T" in the database'])
  })

  it("reads a view's column names from the tree: its column list, aliases, Name = expr; none behind a *", () => {
    const base = 'CREATE TABLE dbo.O (Id int PRIMARY KEY, Qty int NOT NULL)\nGO\n'
    const columns = (view: string) => {
      const result = analyze(base + view)
      expect(result.issues.map(formatIssue)).toEqual([])
      return result.model.views[0]?.columns
    }
    expect(
      columns(`CREATE VIEW dbo.V AS SELECT o.Id, SUM(o.Qty) AS [Total], Lines = COUNT(*), o.Qty AS 'x' /* AS Fake */
FROM dbo.O AS o GROUP BY o.Id, o.Qty`),
    ).toEqual(['Id', 'Total', 'Lines', 'x'])
    expect(columns('CREATE VIEW dbo.V ([A], B) AS SELECT Id, Qty FROM dbo.O')).toEqual(['A', 'B'])
    expect(columns('CREATE VIEW dbo.V AS SELECT * FROM dbo.O')).toBeUndefined()
  })
})
