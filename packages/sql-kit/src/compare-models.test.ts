import { describe, expect, it } from 'vitest'
import { compareModels } from './compare-models.ts'
import { SMALL_SCHEMA_ROWS, SMALL_SCHEMA_SQL } from './live/catalog-fixture.ts'
import { catalogToModel } from './live/catalog-to-model.ts'
import { analyzeScripts } from './static/static-engine.ts'

describe('compareModels', () => {
  const staticModel = analyzeScripts([{ file: 'schema.sql', text: SMALL_SCHEMA_SQL }]).model

  it('finds no difference between the static model and the catalog of the same schema', () => {
    expect(compareModels(staticModel, catalogToModel(SMALL_SCHEMA_ROWS))).toEqual([])
  })

  it('names each difference', () => {
    const rows = structuredClone(SMALL_SCHEMA_ROWS)
    rows.foreignKeys[0]!.onDelete = 'NO_ACTION'
    rows.columns[3]!.maxLength = 200
    rows.tables.push({ objectId: 903, schemaName: 'dbo', name: 'Extra' })
    rows.checks[0]!.definition = '([Total]>(0))'
    expect(compareModels(staticModel, catalogToModel(rows))).toEqual([
      'table dbo.Extra: only in live',
      'sales.Orders: column Note is {"type":"nvarchar","length":"max","nullable":true} in static but {"type":"nvarchar","length":100,"nullable":true} in live',
      'sales.Orders: check constraints is ["total>=0"] in static but ["total>0"] in live',
      'sales.OrderLines: foreign keys is [{"columns":"orderid","references":"sales.orders(id)","onDelete":"CASCADE","onUpdate":"NO ACTION"}] in static but [{"columns":"orderid","references":"sales.orders(id)","onDelete":"NO ACTION","onUpdate":"NO ACTION"}] in live',
    ])
  })
})
