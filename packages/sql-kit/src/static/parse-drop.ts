import { findTable, sameName } from '../schema-model.ts'
import type { Statement } from './ast.ts'
import type { ModelBuilder } from './model-builder.ts'
import { skipStatement } from './statement-boundary.ts'
import type { TokenCursor } from './token-cursor.ts'

const OBJECT_KINDS = { TABLE: 'table', VIEW: 'view', PROC: 'procedure', PROCEDURE: 'procedure' } as const

/** After `DROP`: TABLE, VIEW, PROCEDURE, INDEX and SCHEMA change the model; anything else is noted. */
export function parseDrop(cur: TokenCursor, b: ModelBuilder, line: number): Statement {
  const verb = `DROP ${cur.peek()?.upper ?? ''}`
  readDrop(cur, b, line)
  return { kind: 'ddl', line, verb }
}

function readDrop(cur: TokenCursor, b: ModelBuilder, line: number): void {
  const what = cur.peek()?.upper ?? ''
  const kind = OBJECT_KINDS[what as keyof typeof OBJECT_KINDS]
  if (kind) {
    cur.next()
    const ifExists = cur.acceptWords('IF', 'EXISTS')
    do {
      const name = cur.qualifiedName(`a ${kind} name`)
      b.dropObject(kind, name.schema, name.name, ifExists, name.line)
    } while (cur.acceptSymbol(','))
    return
  }
  if (cur.acceptWords('INDEX')) {
    const ifExists = cur.acceptWords('IF', 'EXISTS')
    do {
      const first = cur.qualifiedName('an index name')
      // Either `name ON table` or the old `table.name` form.
      const onTable = cur.acceptWords('ON') ? cur.qualifiedName('a table name') : undefined
      const tableName = onTable ? `[${onTable.schema}].[${onTable.name}]` : `[dbo].[${first.schema}]`
      const table = findTable(b.model, tableName)
      const index = table?.indexes.findIndex((i) => sameName(i.name, first.name)) ?? -1
      if (!b.applying) continue
      if (table && index >= 0) table.indexes.splice(index, 1)
      else if (!ifExists)
        b.issue('semantic', line, `cannot drop the index "${first.name}": it does not exist`)
    } while (cur.acceptSymbol(','))
    return
  }
  if (cur.acceptWords('SCHEMA')) {
    const ifExists = cur.acceptWords('IF', 'EXISTS')
    const name = cur.identifier('a schema name')
    if (!b.applying) return
    const used = [...b.model.tables, ...b.model.views, ...b.model.procedures].some((o) =>
      sameName(o.schema, name),
    )
    const index = b.model.schemas.findIndex((s) => sameName(s, name))
    if (index < 0) {
      if (!ifExists) b.issue('semantic', line, `cannot drop the schema "${name}": it does not exist`)
    } else if (used) b.issue('semantic', line, `cannot drop the schema "${name}": objects still belong to it`)
    else b.model.schemas.splice(index, 1)
    return
  }
  if (what === 'ROLE' || what === 'USER') {
    cur.next()
    cur.acceptWords('IF', 'EXISTS')
    b.principals.drop(cur.identifier(`a ${what.toLowerCase()} name`), line)
    return
  }
  b.note(line, `DROP ${what} is not part of the schema model and was not checked`)
  skipStatement(cur, true)
}
