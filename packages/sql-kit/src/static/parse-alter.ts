import type { Statement } from './ast.ts'
import type { ModelBuilder } from './model-builder.ts'
import { parseAlterTable } from './parse-alter-table.ts'
import { parseAlterRole } from './parse-security.ts'
import { skipStatement } from './statement-boundary.ts'
import type { TokenCursor } from './token-cursor.ts'

/** After `ALTER`, for everything but views, procedures, functions and triggers. */
export function parseAlter(cur: TokenCursor, b: ModelBuilder, line: number): Statement {
  if (cur.acceptWords('TABLE')) {
    const name = parseAlterTable(cur, b, line)
    return { kind: 'ddl', line, verb: 'ALTER TABLE', name }
  }
  if (cur.acceptWords('ROLE')) return parseAlterRole(cur, b, line)
  if (cur.acceptWords('SCHEMA')) {
    const schema = cur.identifier('a schema name')
    cur.expectWords('TRANSFER')
    if (cur.isSymbol('::', 1)) cur.pos += 2 // OBJECT::name
    const name = cur.qualifiedName('the object to transfer')
    const object = [...b.model.tables, ...b.model.views, ...b.model.procedures].find(
      (o) =>
        o.schema.toLowerCase() === name.schema.toLowerCase() &&
        o.name.toLowerCase() === name.name.toLowerCase(),
    )
    const node: Statement = { kind: 'ddl', line, verb: 'ALTER SCHEMA', name: schema }
    if (!b.applying) return node
    if (!b.schemaExists(schema)) b.issue('semantic', line, `the schema "${schema}" does not exist`)
    else if (!object)
      b.issue('semantic', line, `cannot transfer ${name.schema}.${name.name}: it does not exist`)
    else object.schema = schema
    return node
  }
  const what = cur.peek()?.upper ?? ''
  b.note(line, `ALTER ${what} is not part of the schema model and was not checked`)
  skipStatement(cur)
  return { kind: 'ddl', line, verb: `ALTER ${what}` }
}
