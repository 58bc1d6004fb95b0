import { describe, expect, it } from 'vitest'
import { SMALL_SCHEMA_ROWS } from './catalog-fixture.ts'
import { catalogToModel } from './catalog-to-model.ts'

describe('catalogToModel', () => {
  const model = catalogToModel(SMALL_SCHEMA_ROWS)

  it('converts catalog units: nvarchar bytes to characters, -1 to max, identity seeds to numbers', () => {
    const orders = model.tables[0]!
    expect(orders.columns.map((c) => [c.name, c.type, c.length, c.identity])).toEqual([
      ['Id', 'int', undefined, { seed: 1, increment: 1 }],
      ['Status', 'varchar', 20, undefined],
      ['Total', 'decimal', undefined, undefined],
      ['Note', 'nvarchar', 'max', undefined],
      ['Doubled', undefined, undefined, undefined],
    ])
    expect(orders.columns[2]).toMatchObject({ precision: 10, scale: 2 })
  })

  it('leaves out the names the server chose, keeps the learner names', () => {
    expect(model.tables[0]!.columns[1]!.default).toEqual({ expression: "('new')" })
    expect(model.tables[1]!.foreignKeys).toEqual([
      {
        columns: ['OrderId'],
        referencedTable: 'sales.Orders',
        referencedColumns: ['Id'],
        onDelete: 'CASCADE',
        onUpdate: 'NO ACTION',
      },
    ])
    expect(model.tables[1]!.uniqueConstraints).toEqual([
      {
        name: 'UQ_Lines',
        clustered: false,
        columns: [
          { name: 'OrderId', descending: false },
          { name: 'Sku', descending: false },
        ],
      },
    ])
  })

  it('splits index key columns from included columns', () => {
    expect(model.tables[1]!.indexes).toEqual([
      {
        name: 'IX_Lines_Sku',
        unique: false,
        clustered: false,
        filter: "([Sku]<>'')",
        keyColumns: [{ name: 'Sku', descending: true }],
        include: ['OrderId'],
      },
    ])
  })
})
