import type { CatalogRows } from './catalog-rows.ts'

/** A small schema, as SQL Server writes it in its catalog (definitions rewritten, system names). */
export const SMALL_SCHEMA_SQL = `CREATE SCHEMA sales
GO
CREATE TABLE sales.Orders (
  Id int IDENTITY(1,1) NOT NULL CONSTRAINT PK_Orders PRIMARY KEY,
  Status varchar(20) NOT NULL DEFAULT 'new',
  Total decimal(10,2) NOT NULL CONSTRAINT CK_Orders_Total CHECK (Total >= 0),
  Note nvarchar(max) NULL,
  Doubled AS Total * 2
)
CREATE TABLE sales.OrderLines (
  OrderId int NOT NULL REFERENCES sales.Orders (Id) ON DELETE CASCADE,
  Sku varchar(20) NOT NULL,
  CONSTRAINT UQ_Lines UNIQUE (OrderId, Sku)
)
CREATE INDEX IX_Lines_Sku ON sales.OrderLines (Sku DESC) INCLUDE (OrderId) WHERE Sku <> ''
`

const column = {
  seed: null,
  increment: null,
  defaultName: null,
  defaultDefinition: null,
  defaultSystemNamed: null,
  computedDefinition: null,
  isPersisted: null,
}

export const SMALL_SCHEMA_ROWS: CatalogRows = {
  schemas: [{ name: 'dbo' }, { name: 'sales' }],
  tables: [
    { objectId: 901, schemaName: 'sales', name: 'Orders' },
    { objectId: 902, schemaName: 'sales', name: 'OrderLines' },
  ],
  columns: [
    {
      ...column,
      objectId: 901,
      name: 'Id',
      typeName: 'int',
      maxLength: 4,
      precision: 10,
      scale: 0,
      isNullable: false,
      seed: '1',
      increment: '1',
    },
    {
      ...column,
      objectId: 901,
      name: 'Status',
      typeName: 'varchar',
      maxLength: 20,
      precision: 0,
      scale: 0,
      isNullable: false,
      defaultName: 'DF__Orders__Status__3B75D760',
      defaultDefinition: "('new')",
      defaultSystemNamed: true,
    },
    {
      ...column,
      objectId: 901,
      name: 'Total',
      typeName: 'decimal',
      maxLength: 9,
      precision: 10,
      scale: 2,
      isNullable: false,
    },
    {
      ...column,
      objectId: 901,
      name: 'Note',
      typeName: 'nvarchar',
      maxLength: -1,
      precision: 0,
      scale: 0,
      isNullable: true,
    },
    {
      ...column,
      objectId: 901,
      name: 'Doubled',
      typeName: 'decimal',
      maxLength: 9,
      precision: 13,
      scale: 2,
      isNullable: false,
      computedDefinition: '([Total]*(2))',
      isPersisted: false,
    },
    {
      ...column,
      objectId: 902,
      name: 'OrderId',
      typeName: 'int',
      maxLength: 4,
      precision: 10,
      scale: 0,
      isNullable: false,
    },
    {
      ...column,
      objectId: 902,
      name: 'Sku',
      typeName: 'varchar',
      maxLength: 20,
      precision: 0,
      scale: 0,
      isNullable: false,
    },
  ],
  keys: [
    {
      objectId: 901,
      name: 'PK_Orders',
      type: 'PK',
      isSystemNamed: false,
      clustered: true,
      columnName: 'Id',
      isDescending: false,
    },
    {
      objectId: 902,
      name: 'UQ_Lines',
      type: 'UQ',
      isSystemNamed: false,
      clustered: false,
      columnName: 'OrderId',
      isDescending: false,
    },
    {
      objectId: 902,
      name: 'UQ_Lines',
      type: 'UQ',
      isSystemNamed: false,
      clustered: false,
      columnName: 'Sku',
      isDescending: false,
    },
  ],
  foreignKeys: [
    {
      objectId: 902,
      name: 'FK__OrderLine__Order__3E52440B',
      isSystemNamed: true,
      onDelete: 'CASCADE',
      onUpdate: 'NO_ACTION',
      refSchema: 'sales',
      refTable: 'Orders',
      columnName: 'OrderId',
      refColumnName: 'Id',
    },
  ],
  checks: [
    {
      objectId: 901,
      name: 'CK_Orders_Total',
      isSystemNamed: false,
      definition: '([Total]>=(0))',
      columnName: 'Total',
    },
  ],
  indexes: [
    {
      objectId: 902,
      name: 'IX_Lines_Sku',
      isUnique: false,
      clustered: false,
      filter: "([Sku]<>'')",
      columnName: 'Sku',
      isIncluded: false,
      isDescending: true,
    },
    {
      objectId: 902,
      name: 'IX_Lines_Sku',
      isUnique: false,
      clustered: false,
      filter: "([Sku]<>'')",
      columnName: 'OrderId',
      isIncluded: true,
      isDescending: false,
    },
  ],
  modules: [],
}
