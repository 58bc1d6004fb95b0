/**
 * One typed model of a database schema, built by both engines: the static engine from the learner's
 * DDL, the live engine from SQL Server's catalog views. Names keep the case they were declared with
 * (brackets stripped); every lookup compares them case-insensitively, as SQL Server's default
 * collation does. A constraint `name` is absent when the server would pick it (an unnamed constraint).
 */
export interface SchemaModel {
  engine: 'static' | 'live'
  /** User schemas, `dbo` included. */
  schemas: string[]
  tables: TableModel[]
  views: ModuleModel[]
  procedures: ModuleModel[]
  /** Principals and permissions (static engine; the live engine's checks ask the catalog). */
  permissions?: PermissionsModel
}

/** A database role or user. */
export interface PrincipalModel {
  name: string
  source?: SourceLocation
}

/** One GRANT or DENY in force (REVOKE removes them). */
export interface PermissionModel {
  state: 'GRANT' | 'DENY'
  /** Upper case: `SELECT`, `EXECUTE`, `CREATE TABLE`, `ALL`. */
  permission: string
  /** `OBJECT` with `schema.name`, `SCHEMA` with the schema, or `DATABASE`. */
  securable: { class: 'OBJECT' | 'SCHEMA' | 'DATABASE'; name: string }
  principal: string
  source?: SourceLocation
}

export interface RoleMembershipModel {
  role: string
  member: string
  source?: SourceLocation
}

export interface PermissionsModel {
  roles: PrincipalModel[]
  users: PrincipalModel[]
  memberships: RoleMembershipModel[]
  permissions: PermissionModel[]
}

/** Where an object was declared: only the static engine knows. */
export interface SourceLocation {
  file: string
  line: number
}

export type ReferentialAction = 'NO ACTION' | 'CASCADE' | 'SET NULL' | 'SET DEFAULT'

export interface ColumnModel {
  name: string
  /** Lower-case base type (`nvarchar`, `decimal`); absent for a computed column the static engine cannot type. */
  type?: string
  /** Characters for (n)char/(n)varchar, bytes for (var)binary; `max` for MAX. */
  length?: number | 'max'
  precision?: number
  scale?: number
  nullable: boolean
  identity?: { seed: number; increment: number }
  default?: { name?: string; expression: string }
  computed?: { expression: string; persisted: boolean }
  source?: SourceLocation
}

export interface KeyColumn {
  name: string
  descending: boolean
}

/** A primary key or unique constraint. */
export interface KeyConstraintModel {
  name?: string
  columns: KeyColumn[]
  clustered: boolean
  source?: SourceLocation
}

export interface ForeignKeyModel {
  name?: string
  columns: string[]
  /** `schema.table`. */
  referencedTable: string
  referencedColumns: string[]
  onDelete: ReferentialAction
  onUpdate: ReferentialAction
  source?: SourceLocation
}

export interface CheckModel {
  name?: string
  expression: string
  /** The column of a column-level check. */
  column?: string
  source?: SourceLocation
}

/** An index created with CREATE INDEX or an inline INDEX clause (not the ones backing PK/UNIQUE). */
export interface IndexModel {
  name: string
  unique: boolean
  clustered: boolean
  keyColumns: KeyColumn[]
  include: string[]
  filter?: string
  source?: SourceLocation
}

export interface TableModel {
  schema: string
  name: string
  columns: ColumnModel[]
  primaryKey?: KeyConstraintModel
  uniqueConstraints: KeyConstraintModel[]
  foreignKeys: ForeignKeyModel[]
  checks: CheckModel[]
  indexes: IndexModel[]
  source?: SourceLocation
}

/** A view or a stored procedure. */
export interface ModuleModel {
  schema: string
  name: string
  definition: string
  source?: SourceLocation
  /** The parsed body (static engine only): statements of the syntax tree in `static/ast.ts`. */
  body?: import('./static/ast.ts').Statement[]
  /**
   * A view's column names from the syntax tree (static engine only): its column list, else the names
   * of its select list; absent when a `*` leaves them to the tables it reads.
   */
  columns?: string[]
}

export const DEFAULT_SCHEMA = 'dbo'

/** A name as SQL Server compares it: brackets and quotes stripped, case folded. */
export function nameKey(name: string): string {
  return unquoteName(name).toLowerCase()
}

export function sameName(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b)
}

/** `[a]]b]` → `a]b`, `"x"` → `x`. */
export function unquoteName(name: string): string {
  const n = name.trim()
  if (n.startsWith('[') && n.endsWith(']')) return n.slice(1, -1).replaceAll(']]', ']')
  if (n.startsWith('"') && n.endsWith('"')) return n.slice(1, -1).replaceAll('""', '"')
  return n
}

/** Splits `[sales].[Orders]` or `Orders` into schema and name; the schema defaults to dbo. */
export function parseQualifiedName(text: string): { schema: string; name: string } {
  const parts: string[] = []
  const re = /\[(?:[^\]]|\]\])*\]|"(?:[^"]|"")*"|[^.]+/g
  for (const m of text.trim().matchAll(re)) parts.push(unquoteName(m[0]))
  const name = parts.at(-1) ?? ''
  const schema = parts.length >= 2 ? (parts.at(-2) ?? DEFAULT_SCHEMA) : DEFAULT_SCHEMA
  return { schema, name }
}

export function qualifiedName(o: { schema: string; name: string }): string {
  return `${o.schema}.${o.name}`
}

/** A table with no columns or constraints yet. */
export function newTableModel(schema: string, name: string, source?: SourceLocation): TableModel {
  const table: TableModel = {
    schema,
    name,
    columns: [],
    uniqueConstraints: [],
    foreignKeys: [],
    checks: [],
    indexes: [],
  }
  if (source) table.source = source
  return table
}

/** A model with nothing in it but `dbo`. */
export function emptySchemaModel(engine: SchemaModel['engine']): SchemaModel {
  return { engine, schemas: [DEFAULT_SCHEMA], tables: [], views: [], procedures: [] }
}

export function findTable(model: SchemaModel, name: string): TableModel | undefined {
  const q = parseQualifiedName(name)
  return model.tables.find((t) => sameName(t.schema, q.schema) && sameName(t.name, q.name))
}

export function findColumn(table: TableModel, name: string): ColumnModel | undefined {
  return table.columns.find((c) => sameName(c.name, name))
}

/** Tables, views or procedures with this name in any schema: used to say "found dbo.X, expected sales.X". */
export function findObjectsNamed(model: SchemaModel, name: string): string[] {
  const objects = [...model.tables, ...model.views, ...model.procedures]
  return objects.filter((o) => sameName(o.name, name)).map(qualifiedName)
}

export function formatLocation(source: SourceLocation | undefined): string | undefined {
  return source ? `${source.file}:${source.line}` : undefined
}
