import type { Statement } from './ast.ts'
import type { ModelBuilder } from './model-builder.ts'
import { parseDataType } from './parse-data-type.ts'
import { parseCreateIndex } from './parse-index.ts'
import { parseCreateSchema } from './parse-schema.ts'
import { parseCreatePrincipal } from './parse-security.ts'
import { parseCreateTable } from './parse-table.ts'
import { skipStatement } from './statement-boundary.ts'
import type { TokenCursor } from './token-cursor.ts'

/** After `CREATE`, for everything but views, procedures, functions and triggers. */
export function parseCreate(
  cur: TokenCursor,
  b: ModelBuilder,
  line: number,
  firstInBatch: boolean,
): Statement {
  if (cur.acceptWords('TABLE')) {
    const name = parseCreateTable(cur, b, line)
    return { kind: 'ddl', line, verb: 'CREATE TABLE', name }
  }
  if (cur.acceptWords('SCHEMA')) return parseCreateSchema(cur, b, line, firstInBatch)
  if (cur.isWord('ROLE') || cur.isWord('USER')) return parseCreatePrincipal(cur, b, line)
  if (cur.acceptWords('TYPE')) return parseCreateType(cur, b, line)
  const unique = cur.acceptWords('UNIQUE')
  const clustered = cur.acceptWords('CLUSTERED') ? true : cur.acceptWords('NONCLUSTERED') ? false : undefined
  if (unique || clustered !== undefined || cur.isWord('INDEX') || cur.isWord('COLUMNSTORE')) {
    const name = parseCreateIndex(cur, b, line, unique, clustered)
    return { kind: 'ddl', line, verb: 'CREATE INDEX', name }
  }
  const what = cur.peek()?.upper ?? ''
  b.note(line, `CREATE ${what} is not part of the schema model and was not checked`)
  skipStatement(cur)
  return { kind: 'ddl', line, verb: `CREATE ${what}` }
}

/** `CREATE TYPE name FROM base [NULL | NOT NULL]` (an alias type) or `AS TABLE (…)`. */
function parseCreateType(cur: TokenCursor, b: ModelBuilder, line: number): Statement {
  const name = cur.qualifiedName('a type name')
  if (cur.acceptWords('FROM')) {
    const type = parseDataType(cur)
    const notNull = cur.acceptWords('NOT', 'NULL')
    if (!notNull) cur.acceptWords('NULL')
    b.createAliasType(name.name, type, notNull, line)
    return { kind: 'ddl', line, verb: 'CREATE TYPE', name: name.name }
  }
  cur.expectWords('AS')
  b.note(line, `the table type ${name.name} is not part of the schema model`)
  skipStatement(cur, true)
  return { kind: 'ddl', line, verb: 'CREATE TYPE', name: name.name }
}
