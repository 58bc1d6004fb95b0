import { type ModuleModel, sameName } from '../schema-model.ts'
import type { ModelBuilder } from './model-builder.ts'
import type { TokenCursor } from './token-cursor.ts'

export type ModuleKind = 'VIEW' | 'PROCEDURE' | 'FUNCTION' | 'TRIGGER'

/**
 * `CREATE [OR ALTER] VIEW|PROCEDURE|FUNCTION|TRIGGER` and `ALTER …`: the body runs to the end of the
 * batch, which is why SQL Server insists these come first in their batch. `start` is the index of
 * the CREATE/ALTER token. Bodies are kept as text: the static engine does not check queries.
 */
export function parseModule(
  cur: TokenCursor,
  b: ModelBuilder,
  kind: ModuleKind,
  mode: 'create' | 'alter' | 'create-or-alter',
  start: number,
  firstInBatch: boolean,
): void {
  const line = cur.tokens[start]!.line
  const name = cur.qualifiedName(`a ${kind.toLowerCase()} name`)
  if (!firstInBatch) {
    const verb = mode === 'alter' ? 'ALTER' : 'CREATE'
    b.issue(
      'syntax',
      line,
      `"${verb} ${kind}" must be the first statement in a batch: put GO on the line before it`,
    )
  }
  const bodyStart = cur.pos
  let sawAs = false
  while (!cur.atEnd()) {
    if (cur.isWord('AS')) sawAs = true
    cur.next()
  }
  if (!sawAs) cur.fail(`AS and the body of ${kind.toLowerCase()} ${name.name}`, cur.tokens[bodyStart])
  if (kind === 'FUNCTION' || kind === 'TRIGGER') {
    b.note(line, `${kind.toLowerCase()} ${name.schema}.${name.name} is not part of the schema model`)
    return
  }
  if (!b.applying) return
  const list = kind === 'VIEW' ? b.model.views : b.model.procedures
  const index = list.findIndex((m) => sameName(m.schema, name.schema) && sameName(m.name, name.name))
  const module: ModuleModel = {
    schema: name.schema,
    name: name.name,
    definition: cur.textBetween(start, cur.pos),
    source: b.at(line),
  }
  if (mode === 'alter') {
    if (index < 0) {
      b.issue('semantic', line, `cannot alter ${name.schema}.${name.name}: it does not exist`)
      return
    }
    list[index] = module
  } else if (mode === 'create-or-alter' && index >= 0) list[index] = module
  else if (b.canCreate(name.schema, name.name, line)) list.push(module)
}

/** `CREATE SCHEMA name [AUTHORIZATION owner]`. */
export function parseCreateSchema(
  cur: TokenCursor,
  b: ModelBuilder,
  line: number,
  firstInBatch: boolean,
): void {
  const name = cur.identifier('a schema name')
  if (cur.acceptWords('AUTHORIZATION')) cur.identifier('an owner')
  if (!firstInBatch)
    b.issue(
      'syntax',
      line,
      '"CREATE SCHEMA" must be the first statement in a batch: put GO on the line before it',
    )
  b.createSchema(name, line)
}
