import type sql from 'mssql'
import type { SchemaModel } from '../schema-model.ts'
import type { CatalogRows } from './catalog-rows.ts'
import { catalogToModel } from './catalog-to-model.ts'

const USER_TABLES = 'JOIN sys.tables t ON t.object_id = {id} AND t.is_ms_shipped = 0'

// One query per part of the model; run in the submission's database.
const QUERIES: Record<keyof CatalogRows, string> = {
  // User schemas have principal ids below 16384; the fixed database roles' schemas start there.
  schemas: `SELECT s.name FROM sys.schemas s
    WHERE s.schema_id < 16384 AND s.name NOT IN ('sys', 'INFORMATION_SCHEMA', 'guest') ORDER BY s.schema_id`,
  tables: `SELECT t.object_id AS objectId, SCHEMA_NAME(t.schema_id) AS schemaName, t.name
    FROM sys.tables t WHERE t.is_ms_shipped = 0 ORDER BY t.object_id`,
  columns: `SELECT c.object_id AS objectId, c.name, ty.name AS typeName, c.max_length AS maxLength, c.precision, c.scale,
      c.is_nullable AS isNullable, CAST(ic.seed_value AS bigint) AS seed, CAST(ic.increment_value AS bigint) AS increment,
      dc.name AS defaultName, dc.definition AS defaultDefinition, dc.is_system_named AS defaultSystemNamed,
      cc.definition AS computedDefinition, cc.is_persisted AS isPersisted
    FROM sys.columns c ${USER_TABLES.replace('{id}', 'c.object_id')}
    JOIN sys.types ty ON ty.user_type_id = c.user_type_id
    LEFT JOIN sys.identity_columns ic ON ic.object_id = c.object_id AND ic.column_id = c.column_id
    LEFT JOIN sys.default_constraints dc ON dc.object_id = c.default_object_id
    LEFT JOIN sys.computed_columns cc ON cc.object_id = c.object_id AND cc.column_id = c.column_id
    ORDER BY c.object_id, c.column_id`,
  keys: `SELECT kc.parent_object_id AS objectId, kc.name, kc.type, kc.is_system_named AS isSystemNamed,
      CAST(CASE WHEN i.type = 1 THEN 1 ELSE 0 END AS bit) AS clustered, col.name AS columnName, ic.is_descending_key AS isDescending
    FROM sys.key_constraints kc
    JOIN sys.indexes i ON i.object_id = kc.parent_object_id AND i.index_id = kc.unique_index_id
    JOIN sys.index_columns ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id AND ic.key_ordinal > 0
    JOIN sys.columns col ON col.object_id = ic.object_id AND col.column_id = ic.column_id
    ORDER BY kc.parent_object_id, kc.object_id, ic.key_ordinal`,
  foreignKeys: `SELECT fk.parent_object_id AS objectId, fk.name, fk.is_system_named AS isSystemNamed,
      fk.delete_referential_action_desc AS onDelete, fk.update_referential_action_desc AS onUpdate,
      SCHEMA_NAME(rt.schema_id) AS refSchema, rt.name AS refTable, pc.name AS columnName, rc.name AS refColumnName
    FROM sys.foreign_keys fk
    JOIN sys.foreign_key_columns fkc ON fkc.constraint_object_id = fk.object_id
    JOIN sys.tables rt ON rt.object_id = fk.referenced_object_id
    JOIN sys.columns pc ON pc.object_id = fkc.parent_object_id AND pc.column_id = fkc.parent_column_id
    JOIN sys.columns rc ON rc.object_id = fkc.referenced_object_id AND rc.column_id = fkc.referenced_column_id
    ORDER BY fk.parent_object_id, fk.object_id, fkc.constraint_column_id`,
  checks: `SELECT cc.parent_object_id AS objectId, cc.name, cc.is_system_named AS isSystemNamed, cc.definition,
      COL_NAME(cc.parent_object_id, NULLIF(cc.parent_column_id, 0)) AS columnName
    FROM sys.check_constraints cc ORDER BY cc.parent_object_id, cc.object_id`,
  indexes: `SELECT i.object_id AS objectId, i.name, i.is_unique AS isUnique,
      CAST(CASE WHEN i.type = 1 THEN 1 ELSE 0 END AS bit) AS clustered, i.filter_definition AS filter,
      c.name AS columnName, ic.is_included_column AS isIncluded, ic.is_descending_key AS isDescending
    FROM sys.indexes i ${USER_TABLES.replace('{id}', 'i.object_id')}
    JOIN sys.index_columns ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id
    JOIN sys.columns c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
    WHERE i.is_primary_key = 0 AND i.is_unique_constraint = 0 AND i.type IN (1, 2)
    ORDER BY i.object_id, i.index_id, ic.is_included_column, ic.key_ordinal, ic.index_column_id`,
  modules: `SELECT SCHEMA_NAME(v.schema_id) AS schemaName, v.name, 'V' AS type, m.definition
      FROM sys.views v JOIN sys.sql_modules m ON m.object_id = v.object_id WHERE v.is_ms_shipped = 0
    UNION ALL
    SELECT SCHEMA_NAME(p.schema_id), p.name, 'P', m.definition
      FROM sys.procedures p JOIN sys.sql_modules m ON m.object_id = p.object_id WHERE p.is_ms_shipped = 0`,
}

/** Reads the submission database's catalog (sys.* views) into a SchemaModel. */
export async function readCatalog(pool: sql.ConnectionPool): Promise<SchemaModel> {
  const rows = {} as Record<keyof CatalogRows, unknown[]>
  for (const [key, query] of Object.entries(QUERIES) as [keyof CatalogRows, string][]) {
    rows[key] = (await pool.request().query(query)).recordset
  }
  return catalogToModel(rows as unknown as CatalogRows)
}
