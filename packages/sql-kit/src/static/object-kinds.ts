/**
 * What may follow CREATE, ALTER and DROP in valid T-SQL. A word outside these lists is a syntax
 * error (SQL Server: "Unknown object type"), reported with the closest match: `CREATE TABEL` → TABLE.
 */
// biome-ignore format: a word list reads best packed
export const OBJECT_KINDS = new Set([
  'TABLE', 'INDEX', 'VIEW', 'PROCEDURE', 'PROC', 'FUNCTION', 'TRIGGER', 'SCHEMA', 'TYPE', 'ROLE', 'USER',
  'SEQUENCE', 'SYNONYM', 'STATISTICS', 'XML', 'FULLTEXT', 'ASSEMBLY', 'PARTITION', 'DEFAULT', 'RULE',
  'CERTIFICATE', 'ASYMMETRIC', 'SYMMETRIC', 'MASTER', 'SECURITY', 'EXTERNAL', 'COLUMNSTORE', 'SPATIAL',
  'PRIMARY', 'QUEUE', 'SERVICE', 'CONTRACT', 'MESSAGE', 'ROUTE', 'EVENT', 'UNIQUE', 'CLUSTERED',
  'NONCLUSTERED', 'APPLICATION', 'AGGREGATE', 'COLUMN', 'SEARCH', 'SELECTIVE', 'BROKER', 'REMOTE',
  'WORKLOAD', 'RESOURCE', 'AVAILABILITY', 'DATABASE', 'LOGIN', 'SERVER', 'ENDPOINT', 'CREDENTIAL',
  'CRYPTOGRAPHIC', 'AUTHORIZATION',
])

/** Words that begin a statement, for "did you mean SELECT?" on an unknown first word. */
// biome-ignore format: a word list reads best packed
export const STATEMENT_WORDS = [
  'SELECT', 'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'CREATE', 'ALTER', 'DROP', 'DECLARE', 'EXEC', 'EXECUTE',
  'GRANT', 'REVOKE', 'DENY', 'TRUNCATE', 'BEGIN', 'COMMIT', 'ROLLBACK', 'RAISERROR', 'THROW', 'PRINT',
  'RETURN', 'WHILE',
]
