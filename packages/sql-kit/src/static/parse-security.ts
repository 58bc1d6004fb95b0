import type { Expr, Statement } from './ast.ts'
import type { ModelBuilder } from './model-builder.ts'
import { parseDataTypeFromText } from './parse-data-type.ts'
import { skipStatement } from './statement-boundary.ts'
import type { TokenCursor } from './token-cursor.ts'

const CLASSES = ['OBJECT', 'SCHEMA', 'DATABASE', 'TYPE', 'XML', 'ASSEMBLY', 'ROLE', 'USER', 'CERTIFICATE']

/** `CREATE ROLE name [AUTHORIZATION owner]` or `CREATE USER name [WITHOUT LOGIN | FOR LOGIN x | WITH …]`. */
export function parseCreatePrincipal(cur: TokenCursor, b: ModelBuilder, line: number): Statement {
  const verb = cur.next().upper
  const name = cur.identifier(`a ${verb.toLowerCase()} name`)
  if (verb === 'ROLE') {
    if (cur.acceptWords('AUTHORIZATION')) cur.identifier('an owner')
  } else if (cur.acceptWords('WITHOUT', 'LOGIN')) {
  } else if (cur.acceptWords('FOR') || cur.acceptWords('FROM')) {
    if (!['LOGIN', 'CERTIFICATE', 'ASYMMETRIC', 'EXTERNAL'].some((w) => cur.acceptWords(w)))
      cur.fail('LOGIN after FOR')
    cur.acceptWords('KEY')
    cur.acceptWords('PROVIDER')
    if (!cur.isWord('WITH')) cur.identifier('a login name')
  }
  if (cur.acceptWords('WITH')) skipStatement(cur, true)
  b.createPrincipal(verb === 'ROLE' ? 'role' : 'user', name, line)
  return { kind: 'principal', line, verb: `CREATE ${verb}`, name }
}

/** After `ALTER ROLE`: `name ADD|DROP MEMBER x` or `name WITH NAME = y`. */
export function parseAlterRole(cur: TokenCursor, b: ModelBuilder, line: number): Statement {
  const role = cur.identifier('a role name')
  if (cur.acceptWords('WITH', 'NAME')) {
    cur.expectSymbol('=', 'after WITH NAME')
    cur.identifier('the new role name')
    b.note(line, 'renaming a role is not modelled by the static engine')
    return { kind: 'principal', line, verb: 'ALTER ROLE', name: role }
  }
  const add = cur.acceptWords('ADD', 'MEMBER')
  if (!add) cur.expectWords('DROP', 'MEMBER')
  const member = cur.identifier('a member name')
  b.changeMembership(add, role, member, line)
  return { kind: 'principal', line, verb: add ? 'ADD MEMBER' : 'DROP MEMBER', name: role }
}

/** The permission-related system procedures: sp_addrolemember, sp_droprolemember, and sp_addtype. */
export function procedureCall(
  name: string,
  args: Expr[],
  names: (string | undefined)[],
  line: number,
  b: ModelBuilder,
): void {
  const text = (i: number, param: string): string | undefined => {
    const byName = names.indexOf(param)
    const e = byName >= 0 ? args[byName] : names[i] === undefined ? args[i] : undefined
    return e?.kind === 'literal' && typeof e.value === 'string' ? e.value : undefined
  }
  if (name === 'sp_addrolemember' || name === 'sp_droprolemember') {
    const role = text(0, '@rolename')
    const member = text(1, '@membername')
    if (role && member) b.changeMembership(name === 'sp_addrolemember', role, member, line)
    else b.issue('unsupported', line, `${name} with names the static grader cannot read (write them as N'…')`)
  } else if (name === 'sp_addtype') {
    const alias = text(0, '@typename')
    const base = text(1, '@phystype')
    const nulls = text(2, '@nulltype')
    const type = base ? parseDataTypeFromText(base, line) : undefined
    if (alias && type) b.createAliasType(alias, type, /not\s+null/i.test(nulls ?? ''), line)
    else b.issue('unsupported', line, 'sp_addtype with a type the static grader cannot read')
  }
}

/** `GRANT|DENY|REVOKE permissions [ON [class::]securable] TO|FROM principals …`. */
export function parsePermission(cur: TokenCursor, b: ModelBuilder): Statement {
  const line = cur.line()
  const action = cur.next().upper as 'GRANT' | 'DENY' | 'REVOKE'
  if (action === 'REVOKE') cur.acceptWords('GRANT', 'OPTION', 'FOR')
  const permissions: string[] = []
  do {
    const words: string[] = []
    while (
      cur.peek()?.kind === 'word' &&
      !cur.isWord('ON') &&
      !cur.isWord('TO') &&
      !(cur.isWord('FROM') && action === 'REVOKE')
    )
      words.push(cur.next().upper)
    if (words.length === 0) cur.fail(`a permission such as SELECT or EXECUTE after ${action}`)
    if (cur.isSymbol('(')) cur.nameList('columns')
    permissions.push(words.join(' ').replace(/^ALL PRIVILEGES$/, 'ALL'))
  } while (cur.acceptSymbol(','))
  let securable: { class: 'OBJECT' | 'SCHEMA' | 'DATABASE'; name: string } = { class: 'DATABASE', name: '' }
  if (cur.acceptWords('ON')) {
    let cls = 'OBJECT'
    if (cur.isSymbol('::', 1) || (cur.isWord('SCHEMA', 1) && cur.isWord('COLLECTION', 2))) {
      cls = cur.next().upper
      if (cls === 'XML') cur.expectWords('SCHEMA', 'COLLECTION')
      if (!CLASSES.includes(cls))
        cur.fail(`OBJECT::, SCHEMA:: or DATABASE:: (not ${cls}::)`, cur.tokens[cur.pos - 1])
      cur.expectSymbol('::', `after ${cls}`)
    }
    if (cls === 'SCHEMA') securable = { class: 'SCHEMA', name: cur.identifier('a schema name') }
    else if (cls === 'DATABASE') {
      cur.identifier('a database name')
      securable = { class: 'DATABASE', name: '' }
    } else {
      const q = cur.qualifiedName('an object name')
      if (cls !== 'OBJECT') b.note(line, `permissions on ${cls} are not modelled by the static engine`)
      securable = { class: 'OBJECT', name: `${q.schema}.${q.name}` }
      if (cur.isSymbol('(')) cur.nameList('columns')
    }
  }
  if (action === 'REVOKE') {
    if (!cur.acceptWords('FROM')) cur.expectWords('TO')
  } else cur.expectWords('TO')
  const principals: string[] = []
  do principals.push(cur.identifier('a role or user name', true))
  while (cur.acceptSymbol(','))
  cur.acceptWords('WITH', 'GRANT', 'OPTION')
  cur.acceptWords('CASCADE')
  if (cur.acceptWords('AS')) cur.identifier('a principal')
  for (const permission of permissions)
    for (const principal of principals) b.permission(action, permission, securable, principal, line)
  return { kind: 'permission', line, action }
}
