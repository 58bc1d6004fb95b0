import { parseQualifiedName, sameName } from '../schema-model.ts'
import type { ModelBuilder } from './model-builder.ts'
import type { Token } from './tsql-lexer.ts'

const OBJECT_VIEWS = [
  'objects',
  'tables',
  'views',
  'procedures',
  'foreign_keys',
  'check_constraints',
  'key_constraints',
  'default_constraints',
]

const ID_FUNCTIONS = ['OBJECT_ID', 'SCHEMA_ID', 'USER_ID', 'DATABASE_PRINCIPAL_ID', 'TYPE_ID']

/**
 * Evaluates the existence guards scripts use to be re-runnable, against the model built so far:
 * `OBJECT_ID('x') IS [NOT] NULL`, `SCHEMA_ID('x') IS [NOT] NULL` and
 * `[NOT] EXISTS (SELECT … FROM sys.<view> | INFORMATION_SCHEMA.TABLES … WHERE name = 'x' …)`.
 * Anything else returns undefined: the static engine does not guess what a condition would be.
 */
export function evaluateGuard(tokens: Token[], b: ModelBuilder): boolean | undefined {
  const words = tokens.map((t) => (t.kind === 'word' ? t.upper : t.value))
  let negate = false
  let i = 0
  while (words[i] === '(' && words.at(-1) === ')') {
    tokens = tokens.slice(1, -1)
    words.splice(0, 1)
    words.pop()
  }
  if (words[i] === 'NOT') {
    negate = true
    i++
  }
  const fn = words[i]
  if (fn && ID_FUNCTIONS.includes(fn) && words[i + 1] === '(') {
    const arg = tokens[i + 2]
    const close = words.indexOf(')', i)
    const tail = words.slice(close + 1).join(' ')
    if (arg?.kind !== 'string' || (tail !== 'IS NULL' && tail !== 'IS NOT NULL')) return undefined
    const exists =
      fn === 'SCHEMA_ID'
        ? b.schemaExists(arg.value)
        : fn === 'TYPE_ID'
          ? b.aliasTypes.has(parseQualifiedName(arg.value).name.toLowerCase())
          : fn === 'OBJECT_ID'
            ? objectExists(arg.value, b)
            : b.principals.exists(arg.value)
    return (tail === 'IS NOT NULL' ? exists : !exists) !== negate
  }
  if (fn === 'EXISTS' && words[i + 1] === '(' && words.at(-1) === ')') {
    const exists = existsQuery(tokens.slice(i + 2, -1), b)
    return exists === undefined ? undefined : exists !== negate
  }
  return undefined
}

function objectExists(name: string, b: ModelBuilder): boolean {
  const q = parseQualifiedName(name)
  return b.objectExists(q.schema, q.name)
}

function existsQuery(tokens: Token[], b: ModelBuilder): boolean | undefined {
  const up = tokens.map((t) => (t.kind === 'word' || t.kind === 'ident' ? t.upper : t.value))
  const from = up.indexOf('FROM')
  if (up[0] !== 'SELECT' || from < 0) return undefined
  // Legacy catalog tables: FROM sysobjects / dbo.sysobjects / sys.sysobjects, sysusers, systypes.
  const legacyAt = [from + 1, from + 3, from + 4].find((k) => LEGACY.includes((up[k] ?? '').toLowerCase()))
  if (legacyAt !== undefined && (legacyAt === from + 1 || up[legacyAt - 1] === '.'))
    return legacyExists((up[legacyAt] ?? '').toLowerCase(), tokens, up, b)
  if (up[from + 2] !== '.') return undefined
  const owner = up[from + 1]
  const view = (up[from + 3] ?? '').toLowerCase()
  const literal = (column: string): string | undefined => {
    for (let j = 0; j + 2 < tokens.length; j++) {
      if (up[j] === column && up[j + 1] === '=' && tokens[j + 2]?.kind === 'string')
        return tokens[j + 2]!.value
    }
    return undefined
  }
  const schemaIdArg = (): string | undefined => {
    const k = up.indexOf('SCHEMA_ID')
    return k >= 0 && up[k + 1] === '(' && tokens[k + 2]?.kind === 'string' ? tokens[k + 2]!.value : undefined
  }
  if (owner === 'INFORMATION_SCHEMA' && (view === 'tables' || view === 'views')) {
    const name = literal('TABLE_NAME')
    if (!name) return undefined
    const schema = literal('TABLE_SCHEMA') ?? 'dbo'
    return b.objectExists(schema, name)
  }
  if (owner !== 'SYS') return undefined
  const name = literal('NAME')
  // SSMS writes `WHERE object_id = OBJECT_ID(N'[dbo].[T]') AND type in (N'U')`.
  const k = up.findIndex((w, n) => w === 'OBJECT_ID' && up[n + 1] === '(' && tokens[n + 2]?.kind === 'string')
  const objectIdArg = k >= 0 ? tokens[k + 2]!.value : undefined
  if (!name && objectIdArg && OBJECT_VIEWS.includes(view)) return objectExists(objectIdArg, b)
  if (!name) return undefined
  if (view === 'schemas') return b.schemaExists(name)
  if (view === 'database_principals') return b.principals.exists(name)
  if (view === 'types') return b.aliasTypes.has(name.toLowerCase())
  if (view === 'indexes') return b.model.tables.some((t) => t.indexes.some((i) => sameName(i.name, name)))
  if (!OBJECT_VIEWS.includes(view)) return undefined
  const schema = schemaIdArg()
  if (schema) return b.objectExists(schema, name)
  return b.model.schemas.some((s) => b.objectExists(s, name))
}

const LEGACY = ['sysobjects', 'sysusers', 'systypes']

/** `sysobjects WHERE id = OBJECT_ID(N'…')` or `WHERE name = N'…' [AND xtype = 'U']`, and the like. */
function legacyExists(view: string, tokens: Token[], up: string[], b: ModelBuilder): boolean | undefined {
  for (let j = 0; j + 2 < tokens.length; j++) {
    if (up[j] === 'NAME' && up[j + 1] === '=' && tokens[j + 2]?.kind === 'string') {
      const name = tokens[j + 2]!.value
      if (view === 'sysusers') return b.principals.exists(name)
      if (view === 'systypes') return b.aliasTypes.has(name.toLowerCase())
      return b.model.schemas.some((s) => b.objectExists(s, name))
    }
    if (
      up[j] === 'OBJECT_ID' &&
      up[j + 1] === '(' &&
      tokens[j + 2]?.kind === 'string' &&
      view === 'sysobjects'
    )
      return objectExists(tokens[j + 2]!.value, b)
  }
  return undefined
}
