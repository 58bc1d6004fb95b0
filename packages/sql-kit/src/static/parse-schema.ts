import type { Statement } from './ast.ts'
import type { ModelBuilder } from './model-builder.ts'
import { parseStatement } from './parse-statement.ts'
import type { TokenCursor } from './token-cursor.ts'

/**
 * `CREATE SCHEMA name [AUTHORIZATION owner] [CREATE TABLE … | CREATE VIEW … | GRANT …]…`: the
 * schema elements belong to the statement until a `;`, and objects named without a schema land in it.
 */
export function parseCreateSchema(
  cur: TokenCursor,
  b: ModelBuilder,
  line: number,
  firstInBatch: boolean,
): Statement {
  const name = cur.identifier('a schema name')
  if (cur.acceptWords('AUTHORIZATION')) cur.identifier('an owner')
  if (!firstInBatch)
    b.issue(
      'syntax',
      line,
      '"CREATE SCHEMA" must be the first statement in a batch: put GO on the line before it',
    )
  b.createSchema(name, line)
  const saved = cur.defaultSchema
  cur.defaultSchema = name
  try {
    while (isSchemaElement(cur)) parseStatement(cur, b, true)
  } finally {
    cur.defaultSchema = saved
  }
  return { kind: 'ddl', line, verb: 'CREATE SCHEMA', name }
}

function isSchemaElement(cur: TokenCursor): boolean {
  if (cur.isWord('GRANT') || cur.isWord('DENY') || cur.isWord('REVOKE')) return true
  return cur.isWord('CREATE') && (cur.isWord('TABLE', 1) || cur.isWord('VIEW', 1))
}
