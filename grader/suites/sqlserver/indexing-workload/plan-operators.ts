/** One operator of a plan that reads a table or an index. */
export interface AccessOperator {
  /** `Index Seek`, `Clustered Index Scan`, `Table Scan`… as SHOWPLAN XML names it. */
  physicalOp: string
  /** `schema.table`. */
  table: string
  index?: string
  /** A Clustered Index Seek made once per row to fetch columns the index lacks (a key lookup). */
  lookup: boolean
}

const REL_OP = /<RelOp\b[^>]*\bPhysicalOp="([^"]+)"[^>]*>/g
const SCANS = new Set(['Index Scan', 'Clustered Index Scan', 'Table Scan'])
const SEEKS = new Set(['Index Seek', 'Clustered Index Seek'])

/**
 * The table-access operators of a SHOWPLAN XML document. An access operator's own <Object> comes
 * before any child <RelOp>, so each operator is read up to the next <RelOp>.
 */
export function accessOperators(planXml: string): AccessOperator[] {
  const found: AccessOperator[] = []
  for (const match of planXml.matchAll(REL_OP)) {
    const physicalOp = match[1] ?? ''
    if (!/Scan|Seek|Lookup/.test(physicalOp)) continue
    const rest = planXml.slice((match.index ?? 0) + match[0].length)
    const next = rest.search(/<RelOp\b/)
    const body = next >= 0 ? rest.slice(0, next) : rest
    const object = /<Object\b[^>]*\bTable="\[([^\]]+)\]"[^>]*>/.exec(body)
    if (!object) continue
    const schema = /\bSchema="\[([^\]]+)\]"/.exec(object[0])?.[1]
    const index = /\bIndex="\[([^\]]+)\]"/.exec(object[0])?.[1]
    found.push({
      physicalOp,
      table: schema ? `${schema}.${object[1]}` : (object[1] ?? ''),
      ...(index ? { index } : {}),
      lookup: /<IndexScan\b[^>]*\bLookup="(?:1|true)"/.test(body) || physicalOp === 'RID Lookup',
    })
  }
  return found
}

/** How a plan reads `table`: `seek` (and no scan), `scan`, or `none` when it does not touch it. */
export function accessKind(ops: AccessOperator[], table: string): 'seek' | 'scan' | 'none' {
  const onTable = ops.filter((o) => o.table.toLowerCase() === table.toLowerCase())
  if (onTable.some((o) => SCANS.has(o.physicalOp))) return 'scan'
  if (onTable.some((o) => SEEKS.has(o.physicalOp) && !o.lookup)) return 'seek'
  return onTable.length ? 'scan' : 'none'
}

export function describeAccess(ops: AccessOperator[], table: string): string {
  const onTable = ops.filter((o) => o.table.toLowerCase() === table.toLowerCase())
  return onTable
    .map((o) => `${o.lookup ? 'Key Lookup' : o.physicalOp}${o.index ? ` (${o.index})` : ''}`)
    .join(', ')
}
