import { normalizeExpression } from './normalize-expression.ts'
import {
  type ColumnModel,
  type KeyColumn,
  type KeyConstraintModel,
  nameKey,
  qualifiedName,
  type SchemaModel,
  type TableModel,
} from './schema-model.ts'

/**
 * The differences between two models, one sentence each (empty when they agree). Used to prove the
 * static and live engines read every reference solution the same way. Constraint names are compared
 * only when both sides have one: the server names unnamed constraints itself.
 */
export function compareModels(a: SchemaModel, b: SchemaModel): string[] {
  const out: string[] = []
  const la = a.engine
  const lb = b.engine === a.engine ? `${b.engine} (second)` : b.engine
  const sets = (what: string, xs: string[], ys: string[]) => {
    const kx = new Set(xs.map(nameKey))
    const ky = new Set(ys.map(nameKey))
    for (const x of xs) if (!ky.has(nameKey(x))) out.push(`${what} ${x}: only in ${la}`)
    for (const y of ys) if (!kx.has(nameKey(y))) out.push(`${what} ${y}: only in ${lb}`)
  }
  sets('schema', a.schemas, b.schemas)
  sets('table', a.tables.map(qualifiedName), b.tables.map(qualifiedName))
  sets('view', a.views.map(qualifiedName), b.views.map(qualifiedName))
  sets('procedure', a.procedures.map(qualifiedName), b.procedures.map(qualifiedName))
  for (const ta of a.tables) {
    const tb = b.tables.find((t) => nameKey(qualifiedName(t)) === nameKey(qualifiedName(ta)))
    if (tb) compareTables(ta, tb, (m) => out.push(`${qualifiedName(ta)}: ${m}`), la, lb)
  }
  return out
}

function compareTables(
  a: TableModel,
  b: TableModel,
  report: (m: string) => void,
  la: string,
  lb: string,
): void {
  const differ = (what: string, x: unknown, y: unknown) => {
    const sx = JSON.stringify(x)
    const sy = JSON.stringify(y)
    if (sx !== sy) report(`${what} is ${sx ?? 'absent'} in ${la} but ${sy ?? 'absent'} in ${lb}`)
  }
  differ(
    'column list',
    a.columns.map((c) => nameKey(c.name)),
    b.columns.map((c) => nameKey(c.name)),
  )
  for (const ca of a.columns) {
    const cb = b.columns.find((c) => nameKey(c.name) === nameKey(ca.name))
    if (cb) differ(`column ${ca.name}`, columnFacts(ca, cb), columnFacts(cb, ca))
  }
  differ('primary key', keyFacts(a.primaryKey, b.primaryKey), keyFacts(b.primaryKey, a.primaryKey))
  const uniques = (t: TableModel, o: TableModel) =>
    t.uniqueConstraints
      .map((u) =>
        keyFacts(
          u,
          o.uniqueConstraints.find((x) => keyOf(x.columns) === keyOf(u.columns)),
        ),
      )
      .sort(bySig)
  differ('unique constraints', uniques(a, b), uniques(b, a))
  const fks = (t: TableModel, o: TableModel) =>
    t.foreignKeys
      .map((f) => ({
        name: o.foreignKeys.some((x) => x.name && f.name && sig(x.columns) === sig(f.columns))
          ? nameKey(f.name ?? '')
          : undefined,
        columns: sig(f.columns),
        references: `${nameKey(f.referencedTable)}(${sig(f.referencedColumns)})`,
        onDelete: f.onDelete,
        onUpdate: f.onUpdate,
      }))
      .sort(bySig)
  differ('foreign keys', fks(a, b), fks(b, a))
  const checks = (t: TableModel) => t.checks.map((c) => normalizeExpression(c.expression)).sort()
  differ('check constraints', checks(a), checks(b))
  const indexes = (t: TableModel) =>
    t.indexes
      .map((i) => ({
        name: nameKey(i.name),
        unique: i.unique,
        clustered: i.clustered,
        keys: keyOf(i.keyColumns),
        include: i.include.map(nameKey).sort(),
        filter: i.filter === undefined ? undefined : normalizeExpression(i.filter),
      }))
      .sort(bySig)
  differ('indexes', indexes(a), indexes(b))
}

/** What must match for a column; the static engine cannot type a computed column, so only its expression counts. */
function columnFacts(c: ColumnModel, other: ColumnModel) {
  if (c.computed)
    return { computed: normalizeExpression(c.computed.expression), persisted: c.computed.persisted }
  return {
    type: c.type,
    length: c.length,
    precision: c.precision,
    scale: c.scale,
    nullable: c.nullable,
    identity: c.identity,
    default: c.default && normalizeExpression(c.default.expression),
    defaultName: c.default?.name && other.default?.name ? nameKey(c.default.name) : undefined,
  }
}

function keyFacts(k: KeyConstraintModel | undefined, other: KeyConstraintModel | undefined) {
  if (!k) return undefined
  return {
    name: k.name && other?.name ? nameKey(k.name) : undefined,
    columns: keyOf(k.columns),
    clustered: k.clustered,
  }
}

function keyOf(columns: KeyColumn[]): string {
  return columns.map((c) => `${nameKey(c.name)}${c.descending ? ' desc' : ''}`).join(', ')
}

function sig(names: string[]): string {
  return names.map(nameKey).join(', ')
}

function bySig(x: unknown, y: unknown): number {
  return JSON.stringify(x).localeCompare(JSON.stringify(y))
}
