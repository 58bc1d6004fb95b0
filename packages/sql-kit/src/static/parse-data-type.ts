import type { ColumnModel } from '../schema-model.ts'
import { TokenCursor } from './token-cursor.ts'
import { tokenize } from './tsql-lexer.ts'

export type DataType = Pick<ColumnModel, 'type' | 'length' | 'precision' | 'scale'>

const LENGTH_TYPES = new Set(['char', 'varchar', 'nchar', 'nvarchar', 'binary', 'varbinary'])
const DECIMAL_TYPES = new Set(['decimal', 'numeric'])
const SCALE_TYPES = new Set(['datetime2', 'time', 'datetimeoffset'])
// biome-ignore format: a word list reads best packed
const OTHER_TYPES = new Set([
  'bigint', 'int', 'smallint', 'tinyint', 'bit', 'money', 'smallmoney', 'float', 'real', 'date',
  'datetime', 'smalldatetime', 'text', 'ntext', 'image', 'uniqueidentifier', 'xml', 'sql_variant',
  'timestamp', 'rowversion', 'hierarchyid', 'geography', 'geometry', 'sysname',
])
const SYNONYMS: Record<string, string> = { integer: 'int', dec: 'decimal', rowversion: 'timestamp' }

/** Whether the name is a SQL Server system type (the static engine models no user-defined types). */
export function isKnownType(name: string): boolean {
  const lower = name.toLowerCase()
  const n = SYNONYMS[lower] ?? lower
  return LENGTH_TYPES.has(n) || DECIMAL_TYPES.has(n) || SCALE_TYPES.has(n) || OTHER_TYPES.has(n)
}

/**
 * Reads `nvarchar(100)`, `decimal(10, 2)`, `varbinary(max)`, `[int]`… and fills in the defaults
 * SQL Server applies when arguments are left out, so the model matches what the catalog reports.
 */
export function parseDataType(cur: TokenCursor): DataType & { typeName: string; line: number } {
  const line = cur.line()
  const first = cur.qualifiedName('a data type')
  const typeName = first.name
  const raw = typeName.toLowerCase()
  const type = SYNONYMS[raw] ?? raw
  const args: (number | 'max')[] = []
  // Typed xml: xml(schema.Collection), xml(CONTENT …), xml(DOCUMENT …); the collection is not modelled.
  if (type === 'xml' && cur.isSymbol('(')) cur.group('after xml')
  else if (cur.acceptSymbol('(')) {
    do {
      const t = cur.next('a number or MAX')
      if (t.kind === 'number') args.push(Number(t.value))
      else if (t.kind === 'word' && t.upper === 'MAX') args.push('max')
      else cur.fail('a number or MAX', t)
    } while (cur.acceptSymbol(','))
    cur.expectSymbol(')', `to close the arguments of ${typeName}`)
  }
  const out: DataType & { typeName: string; line: number } = { type, typeName, line }
  if (LENGTH_TYPES.has(type)) out.length = args[0] ?? 1
  else if (DECIMAL_TYPES.has(type)) {
    out.precision = typeof args[0] === 'number' ? args[0] : 18
    out.scale = typeof args[1] === 'number' ? args[1] : 0
  } else if (SCALE_TYPES.has(type)) out.scale = typeof args[0] === 'number' ? args[0] : 7
  else if (type === 'float') {
    const n = typeof args[0] === 'number' ? args[0] : 53
    if (n <= 24) out.type = 'real'
    else out.precision = 53
  }
  return out
}

/** A type written as text (`'nvarchar(20)'` in sp_addtype); undefined when it is not a type. */
export function parseDataTypeFromText(
  text: string,
  line: number,
): ReturnType<typeof parseDataType> | undefined {
  try {
    const cur = new TokenCursor(tokenize(text, line), text, line)
    const type = parseDataType(cur)
    return cur.atEnd() ? type : undefined
  } catch {
    return undefined
  }
}
