import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { findTable } from '../schema-model.ts'
import { analyzeScripts } from './static-engine.ts'
import { formatIssue } from './static-result.ts'

const shop = readFileSync(new URL('./fixtures/shop-schema.sql', import.meta.url), 'utf8')
const analyze = (text: string, file = 'schema.sql') => analyzeScripts([{ file, text }])
const problems = (text: string) => analyze(text).issues.map(formatIssue)

describe('static engine on a typical schema', () => {
  const result = analyze(shop)

  it('reads it without issues, noting only the INSERT it does not run', () => {
    expect(result.issues).toEqual([])
    expect(result.notes.map(formatIssue)).toEqual([
      'schema.sql:80: INSERT statements are not run by the static engine',
    ])
    expect(result.model.schemas).toEqual(['dbo', 'sales'])
    expect(result.model.tables.map((t) => `${t.schema}.${t.name}@${t.source?.line}`)).toEqual([
      'dbo.Customers@8',
      'dbo.Products@18',
      'sales.Orders@29',
      'sales.OrderLines@37',
    ])
    expect(result.model.views.map((v) => `${v.schema}.${v.name}@${v.source?.line}`)).toEqual([
      'sales.OrderTotals@61',
    ])
    expect(result.model.procedures.map((p) => `${p.schema}.${p.name}@${p.source?.line}`)).toEqual([
      'sales.PlaceOrder@69',
    ])
    expect(result.model.procedures[0]?.definition).toMatch(
      /^CREATE PROCEDURE sales\.PlaceOrder[\s\S]*SCOPE_IDENTITY\(\);\nEND$/,
    )
  })

  it('models columns: types, lengths, identity, defaults, computed columns', () => {
    const customers = findTable(result.model, 'dbo.Customers')!
    expect(customers.columns.map(({ source: _, ...c }) => c)).toEqual([
      { name: 'Id', type: 'int', nullable: false, identity: { seed: 1, increment: 1 } },
      { name: 'Email', type: 'nvarchar', length: 320, nullable: false },
      { name: 'DisplayName', type: 'nvarchar', length: 100, nullable: false },
      {
        name: 'CreatedAt',
        type: 'datetime2',
        scale: 3,
        nullable: false,
        default: { name: 'DF_Customers_CreatedAt', expression: '(SYSUTCDATETIME())' },
      },
      { name: 'IsActive', type: 'bit', nullable: false, default: { expression: '1' } },
    ])
    const products = findTable(result.model, '[dbo].[products]')!
    expect(products.columns.find((c) => c.name === 'Id')?.identity).toEqual({ seed: 100, increment: 5 })
    expect(products.columns.find((c) => c.name === 'Notes')).toMatchObject({
      type: 'nvarchar',
      length: 'max',
      nullable: true,
    })
    expect(products.columns.find((c) => c.name === 'Price')).toMatchObject({
      type: 'decimal',
      precision: 10,
      scale: 2,
    })
    const lines = findTable(result.model, 'sales.OrderLines')!
    expect(lines.columns.find((c) => c.name === 'LineTotal')).toMatchObject({
      computed: { expression: '(Quantity * UnitPrice)', persisted: true },
      nullable: true,
    })
    expect(lines.columns.find((c) => c.name === 'LineTotal')?.type).toBeUndefined()
  })

  it('models keys, foreign keys, checks and indexes with their lines', () => {
    const orders = findTable(result.model, 'sales.Orders')!
    expect(orders.primaryKey).toEqual({
      columns: [{ name: 'Id', descending: false }],
      clustered: true,
      source: { file: 'schema.sql', line: 30 },
    })
    expect(orders.foreignKeys).toEqual([
      {
        name: 'FK_Orders_Customers',
        columns: ['CustomerId'],
        referencedTable: 'dbo.Customers',
        referencedColumns: ['Id'],
        onDelete: 'NO ACTION',
        onUpdate: 'NO ACTION',
        source: { file: 'schema.sql', line: 51 },
      },
    ])
    const lines = findTable(result.model, 'sales.OrderLines')!
    expect(lines.primaryKey?.columns).toEqual([
      { name: 'OrderId', descending: false },
      { name: 'LineNumber', descending: true },
    ])
    expect(
      lines.foreignKeys.map((f) => [
        f.name,
        f.columns,
        f.referencedTable,
        f.referencedColumns,
        f.onDelete,
        f.source?.line,
      ]),
    ).toEqual([
      ['FK_OrderLines_Products', ['ProductId'], 'dbo.Products', ['Id'], 'NO ACTION', 41],
      ['FK_OrderLines_Orders', ['OrderId'], 'sales.Orders', ['Id'], 'CASCADE', 46],
    ])
    expect(lines.checks).toEqual([
      { expression: 'Quantity > 0', column: 'Quantity', source: { file: 'schema.sql', line: 42 } },
    ])
    const products = findTable(result.model, 'dbo.Products')!
    expect(products.uniqueConstraints.map((u) => [u.name, u.clustered])).toEqual([['UQ_Products_Sku', false]])
    expect(products.indexes).toEqual([
      {
        name: 'IX_Products_Name',
        unique: true,
        clustered: false,
        keyColumns: [
          { name: 'Name', descending: false },
          { name: 'Sku', descending: true },
        ],
        include: ['Price'],
        filter: 'Notes IS NOT NULL',
        source: { file: 'schema.sql', line: 56 },
      },
    ])
  })
  // Speed is measured by `pnpm bench` (bench/scenarios/static-parse.ts), never asserted in a test.
})

describe('static engine: learner mistakes are reported at file:line', () => {
  it('reports an empty script plainly', () => {
    expect(analyzeScripts([{ file: 'schema.sql', text: '  \n-- TODO\n' }]).issues.map(formatIssue)).toEqual([
      'schema.sql:1: schema.sql contains no SQL statements: write your CREATE statements there',
    ])
  })

  it('reports syntax errors with the line and what was expected, fast', () => {
    const script =
      'CREATE TABLE dbo.A (Id int NOT NULL)\nGO\nCREATE TABLE dbo.T (\n  Id int NOT NULL,\n  Name nvarchar(10) NOT NUL\n)'
    const start = performance.now()
    expect(problems(script)).toEqual(['schema.sql:5: incorrect syntax near "NUL": expected NULL after NOT'])
    expect(performance.now() - start).toBeLessThan(1000)
    expect(problems('CREATE TABLE dbo.T (Id int NOT NULL')).toEqual([
      'schema.sql:1: unexpected end of the batch: expected ")" or "," after the last column or constraint of T',
    ])
    expect(problems("SELECT 1\nGO\nINSERT INTO t VALUES ('oops)\n")).toEqual([
      'schema.sql:3: this string literal is never closed',
    ])
  })

  it('rejects MySQL and PostgreSQL habits that SQL Server rejects', () => {
    expect(problems('CREATE TABLE dbo.T (Id int AUTO_INCREMENT PRIMARY KEY)')[0]).toContain(
      'schema.sql:1: incorrect syntax near "AUTO_INCREMENT"',
    )
    expect(problems('CREATE TABLE dbo.T (Id serial PRIMARY KEY)')).toEqual([
      'schema.sql:1: cannot find the data type "serial" (column Id)',
    ])
  })

  it('asks for brackets around reserved words used as names', () => {
    expect(problems('CREATE TABLE dbo.T (\n  Id int,\n  Order int\n)')).toEqual([
      'schema.sql:3: incorrect syntax near "Order": expected a column name or a constraint; Order is a reserved word, so write it as [Order]',
    ])
    expect(analyze('CREATE TABLE dbo.[User] ([Order] int, [Key] nvarchar(10))').issues).toEqual([])
  })

  it('shows an object created in the wrong schema in the model', () => {
    const { model, issues } = analyze('CREATE TABLE Orders (Id int PRIMARY KEY)')
    expect(issues).toEqual([])
    expect(model.tables.map((t) => `${t.schema}.${t.name}`)).toEqual(['dbo.Orders'])
  })

  it('flags statements that reach outside the database, at their line', () => {
    const script = [
      'USE master;',
      'GO',
      'DROP DATABASE shop;',
      'SHUTDOWN WITH NOWAIT;',
      "ALTER LOGIN sa WITH PASSWORD = 'x';",
      "EXEC master..xp_cmdshell 'dir';",
      'CREATE TABLE dbo.T (Id int);',
    ].join('\n')
    const { issues, model } = analyze(script)
    expect(issues.map((i) => `${i.kind} ${i.line}: ${i.message.split(':')[0]}`)).toEqual([
      'not-allowed 1: "USE master" is not allowed',
      'not-allowed 3: "DROP DATABASE" is not allowed in a lab script',
      'not-allowed 4: "SHUTDOWN" is not allowed in a lab script',
      'not-allowed 5: "ALTER LOGIN" is not allowed in a lab script',
      'not-allowed 6: calling xp_cmdshell is not allowed in a lab script',
    ])
    expect(model.tables.map((t) => t.name)).toEqual(['T'])
  })

  it('checks what SQL Server checks: schemas, duplicates, foreign key targets, types', () => {
    expect(problems('CREATE TABLE sales.Orders (Id int)')).toEqual([
      'schema.sql:1: the schema "sales" does not exist (yet) when "sales.Orders" is created: create it first with CREATE SCHEMA sales',
    ])
    expect(problems('CREATE TABLE T (Id int)\nCREATE TABLE dbo.t (Id int)')).toEqual([
      'schema.sql:2: there is already an object named "dbo.t" in the database',
    ])
    expect(problems('CREATE TABLE dbo.L (PId int REFERENCES dbo.P (Id))')).toEqual([
      'schema.sql:1: the foreign key on dbo.L(PId) references dbo.P, which does not exist at this point of the script',
    ])
    expect(
      problems('CREATE TABLE dbo.P (Id int, Code int)\nCREATE TABLE dbo.L (PId int REFERENCES dbo.P (Code))'),
    ).toEqual([
      'schema.sql:2: dbo.P(Code) is not a primary key or unique constraint, so a foreign key cannot reference it',
    ])
    expect(problems('CREATE TABLE dbo.T (Id int, CONSTRAINT PK_T PRIMARY KEY (Idd))')).toEqual([
      'schema.sql:1: the column "Idd" does not exist in dbo.T',
    ])
    expect(problems('CREATE TABLE dbo.T (Id int NULL PRIMARY KEY)')).toEqual([
      'schema.sql:1: the primary key column "Id" is declared NULL',
    ])
    expect(problems('CREATE TABLE dbo.T (A int PRIMARY KEY CLUSTERED, B int UNIQUE CLUSTERED)')).toEqual([
      'schema.sql:1: dbo.T cannot have more than one clustered index',
    ])
  })

  it('requires CREATE VIEW / PROCEDURE / SCHEMA to start a batch', () => {
    expect(problems('CREATE TABLE dbo.T (Id int)\nCREATE VIEW dbo.V AS SELECT Id FROM dbo.T')).toEqual([
      'schema.sql:2: "CREATE VIEW" must be the first statement in a batch: put GO on the line before it',
    ])
    expect(problems('CREATE TABLE dbo.T (Id int)\nGO\nCREATE VIEW dbo.V AS SELECT Id FROM dbo.T')).toEqual([])
  })

  it('reports each problem with the file it is in', () => {
    const result = analyzeScripts([
      { file: '01-schemas.sql', text: 'CREATE SCHEMA sales' },
      { file: '02-tables.sql', text: 'CREATE TABLE sales.T (Id int)\nGO\nCREATE TABLE sales.T (Id int)' },
    ])
    expect(result.issues.map(formatIssue)).toEqual([
      '02-tables.sql:3: there is already an object named "sales.T" in the database',
    ])
  })
})
