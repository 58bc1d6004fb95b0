import { type ModuleModel, newTableModel, sameName, unquoteName } from '../schema-model.ts'
import type { ModuleKind, Statement } from './ast.ts'
import type { ModelBuilder } from './model-builder.ts'
import { newDraft } from './parse-constraint.ts'
import { parseDataType } from './parse-data-type.ts'
import { parseExpression } from './parse-expression.ts'
import { parseQuery } from './parse-query.ts'
import { parseStatement } from './parse-statement.ts'
import { parseTableElement } from './parse-table.ts'
import type { TokenCursor } from './token-cursor.ts'

export type { ModuleKind } from './ast.ts'

/**
 * `CREATE [OR ALTER] VIEW|PROCEDURE|FUNCTION|TRIGGER` and `ALTER …`: the body runs to the end of the
 * batch, which is why SQL Server insists these come first in their batch. `start` is the index of
 * the CREATE/ALTER token. The body is parsed into statements (kept on the module as `body`), and read
 * without changing the model: it runs when the module is called, not when it is created.
 */
export function parseModule(
  cur: TokenCursor,
  b: ModelBuilder,
  kind: ModuleKind,
  mode: 'create' | 'alter' | 'create-or-alter',
  start: number,
  firstInBatch: boolean,
): Statement {
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
  const parameters: string[] = []
  let body: Statement[] = []
  let columns: string[] | undefined
  b.inModule(() => {
    if (kind === 'VIEW') ({ body, columns } = viewBody(cur, b, line))
    else if (kind === 'PROCEDURE') body = procedureBody(cur, b, parameters)
    else if (kind === 'FUNCTION') body = functionBody(cur, b, parameters)
    else body = triggerBody(cur, b)
  })
  const [select] = body
  // SQL Server error 4511: every column of a view needs a name.
  if (kind === 'VIEW' && select?.kind === 'select' && select.unnamedColumn !== undefined)
    b.issue(
      'semantic',
      line,
      `no column name was specified for column ${select.unnamedColumn} of the view ${name.schema}.${name.name}: name it with AS (… AS Name), or list the names after the view name`,
    )
  const node: Statement = {
    kind: 'module',
    line,
    moduleKind: kind,
    name: `${name.schema}.${name.name}`,
    parameters,
    body,
  }
  if (kind === 'FUNCTION' || kind === 'TRIGGER') {
    b.note(line, `${kind.toLowerCase()} ${name.schema}.${name.name} is not part of the schema model`)
    return node
  }
  if (!b.applying) return node
  const list = kind === 'VIEW' ? b.model.views : b.model.procedures
  const index = list.findIndex((m) => sameName(m.schema, name.schema) && sameName(m.name, name.name))
  const module: ModuleModel = {
    schema: name.schema,
    name: name.name,
    definition: cur.textBetween(start, cur.pos),
    source: b.at(line),
    body,
    ...(columns ? { columns } : {}),
  }
  if (mode === 'alter') {
    if (index < 0) b.issue('semantic', line, `cannot alter ${name.schema}.${name.name}: it does not exist`)
    else list[index] = module
  } else if (mode === 'create-or-alter' && index >= 0) list[index] = module
  else if (b.canCreate(name.schema, name.name, line)) list.push(module)
  return node
}

/** Statements to the end of the batch. */
function rest(cur: TokenCursor, b: ModelBuilder): Statement[] {
  const body: Statement[] = []
  while (!cur.atEnd()) {
    if (cur.acceptSymbol(';')) continue
    if (cur.isWord('END') || cur.isWord('ELSE'))
      cur.fail('a statement (this END or ELSE has no matching BEGIN or IF)')
    body.push(parseStatement(cur, b, false))
  }
  return body
}

function withOptions(cur: TokenCursor): void {
  if (!cur.acceptWords('WITH')) return
  do {
    if (cur.acceptWords('EXECUTE', 'AS') || cur.acceptWords('EXEC', 'AS'))
      cur.next('CALLER, SELF, OWNER or a user')
    else if (
      cur.acceptWords('RETURNS', 'NULL', 'ON', 'NULL', 'INPUT') ||
      cur.acceptWords('CALLED', 'ON', 'NULL', 'INPUT')
    ) {
    } else if (cur.acceptWords('INLINE')) {
      cur.expectSymbol('=', 'after INLINE')
      cur.next()
    } else if (cur.peek()?.kind === 'word') cur.next()
    else cur.fail('a module option such as SCHEMABINDING, ENCRYPTION or EXECUTE AS')
  } while (cur.acceptSymbol(','))
}

/** A view's SELECT, and its column names when the tree gives them all (no `*` in the select list). */
function viewBody(
  cur: TokenCursor,
  b: ModelBuilder,
  line: number,
): { body: Statement[]; columns?: string[] } {
  const columnList = cur.isSymbol('(') ? cur.nameList('view columns') : undefined
  withOptions(cur)
  cur.expectWords('AS')
  const queryLine = cur.line()
  const query = parseQuery(cur)
  if (cur.acceptWords('WITH')) cur.expectWords('CHECK', 'OPTION')
  while (cur.acceptSymbol(';')) {}
  if (!cur.atEnd())
    cur.fail(
      `the end of the batch after the view's SELECT (the view begins on line ${line}; put GO after it)`,
    )
  void b
  const unnamed = query.items.findIndex((item) => item.name === undefined && item.expr.kind !== 'star')
  const named = query.items.every((item) => item.name !== undefined)
  const columns = columnList ?? (named ? query.items.map((item) => item.name as string) : undefined)
  const body: Statement[] = [
    {
      kind: 'select',
      line: queryLine,
      query,
      ...(columnList || unnamed < 0 ? {} : { unnamedColumn: unnamed + 1 }),
    },
  ]
  return columns ? { body, columns: columns.map(unquoteName) } : { body }
}

/** `@p [AS] type [VARYING] [NULL] [= default] [OUT|OUTPUT] [READONLY]`, comma-separated, maybe in ( ). */
function parameterList(cur: TokenCursor, parameters: string[], parenthesised: boolean): void {
  if (parenthesised && cur.isSymbol(')')) return
  if (cur.peek()?.kind !== 'variable') return
  do {
    const t = cur.next('a parameter name')
    if (t.kind !== 'variable') cur.fail('a parameter name starting with @', t)
    parameters.push(t.value)
    cur.acceptWords('AS')
    parseDataType(cur)
    cur.acceptWords('VARYING')
    if (!cur.acceptWords('NOT', 'NULL')) cur.acceptWords('NULL')
    if (cur.acceptSymbol('=')) parseExpression(cur)
    if (!cur.acceptWords('OUTPUT')) cur.acceptWords('OUT')
    cur.acceptWords('READONLY')
  } while (cur.acceptSymbol(','))
}

function procedureBody(cur: TokenCursor, b: ModelBuilder, parameters: string[]): Statement[] {
  if (cur.acceptSymbol(';')) cur.next('a procedure number')
  const parenthesised = cur.acceptSymbol('(')
  parameterList(cur, parameters, parenthesised)
  if (parenthesised) cur.expectSymbol(')', 'after the parameters')
  withOptions(cur)
  cur.acceptWords('FOR', 'REPLICATION')
  if (!cur.acceptWords('AS')) cur.fail('AS before the body of the procedure (or "," between parameters)')
  if (cur.isWord('EXTERNAL')) cur.fail('a T-SQL body (CLR procedures are not supported)')
  const body = rest(cur, b)
  if (body.length === 0) cur.fail('the body of the procedure after AS')
  return body
}

function functionBody(cur: TokenCursor, b: ModelBuilder, parameters: string[]): Statement[] {
  cur.expectSymbol('(', 'after the function name (write () for no parameters)')
  parameterList(cur, parameters, true)
  cur.expectSymbol(')', 'after the parameters')
  cur.expectWords('RETURNS')
  const tableVariable = cur.peek()?.kind === 'variable' ? cur.next().value : undefined
  const returnsTable = tableVariable !== undefined || cur.isWord('TABLE')
  if (returnsTable) {
    cur.expectWords('TABLE')
    if (tableVariable) {
      const draft = newDraft(newTableModel('', tableVariable))
      cur.expectSymbol('(', `after RETURNS ${tableVariable} TABLE`)
      b.branch(false, () => {
        do if (!cur.isSymbol(')')) parseTableElement(cur, draft, b)
        while (cur.acceptSymbol(','))
      })
      cur.expectSymbol(')', 'to close the returned table')
    }
  } else parseDataType(cur)
  withOptions(cur)
  cur.acceptWords('AS')
  if (returnsTable && !tableVariable && cur.isWord('RETURN')) {
    // An inline table-valued function: RETURN [(] SELECT … [)]
    const line = cur.line()
    cur.next()
    const query = parseQuery(cur)
    while (cur.acceptSymbol(';')) {}
    if (!cur.atEnd()) cur.fail('the end of the batch after the function (put GO after it)')
    return [{ kind: 'select', line, query }]
  }
  if (!cur.isWord('BEGIN')) cur.fail('BEGIN … END around the body of the function')
  const body = rest(cur, b)
  return body
}

function triggerBody(cur: TokenCursor, b: ModelBuilder): Statement[] {
  cur.expectWords('ON')
  if (!cur.acceptWords('DATABASE') && !cur.acceptWords('ALL', 'SERVER'))
    cur.qualifiedName('a table or view name')
  withOptions(cur)
  if (!cur.acceptWords('FOR') && !cur.acceptWords('AFTER')) cur.expectWords('INSTEAD', 'OF')
  do cur.next('INSERT, UPDATE or DELETE')
  while (cur.acceptSymbol(','))
  cur.acceptWords('NOT', 'FOR', 'REPLICATION')
  cur.expectWords('AS')
  return rest(cur, b)
}
