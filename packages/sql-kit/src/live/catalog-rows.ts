/** Rows of the catalog queries in read-catalog.ts, one interface per query. */
export interface CatalogRows {
  schemas: { name: string }[]
  tables: { objectId: number; schemaName: string; name: string }[]
  columns: {
    objectId: number
    name: string
    typeName: string
    maxLength: number
    precision: number
    scale: number
    isNullable: boolean
    seed: number | string | null
    increment: number | string | null
    defaultName: string | null
    defaultDefinition: string | null
    defaultSystemNamed: boolean | null
    computedDefinition: string | null
    isPersisted: boolean | null
  }[]
  keys: {
    objectId: number
    name: string
    type: 'PK' | 'UQ'
    isSystemNamed: boolean
    clustered: boolean
    columnName: string
    isDescending: boolean
  }[]
  foreignKeys: {
    objectId: number
    name: string
    isSystemNamed: boolean
    onDelete: string
    onUpdate: string
    refSchema: string
    refTable: string
    columnName: string
    refColumnName: string
  }[]
  checks: {
    objectId: number
    name: string
    isSystemNamed: boolean
    definition: string
    columnName: string | null
  }[]
  indexes: {
    objectId: number
    name: string
    isUnique: boolean
    clustered: boolean
    filter: string | null
    columnName: string
    isIncluded: boolean
    isDescending: boolean
  }[]
  modules: { schemaName: string; name: string; type: 'V' | 'P'; definition: string | null }[]
}
