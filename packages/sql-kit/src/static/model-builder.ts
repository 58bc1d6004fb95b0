import {
  emptySchemaModel,
  findColumn,
  findTable,
  qualifiedName,
  type SchemaModel,
  type SourceLocation,
  sameName,
  type TableModel,
} from '../schema-model.ts'
import type { Statement } from './ast.ts'
import type { DataType } from './parse-data-type.ts'
import { PermissionsBuilder } from './permissions-builder.ts'
import type { DataLoss, StaticIssue, StaticNote } from './static-result.ts'

// Schemas every database has; learners may not create objects in sys or INFORMATION_SCHEMA.
const BUILT_IN_SCHEMAS = ['dbo', 'guest']

/**
 * The model the static engine builds while it reads statements, with the checks SQL Server itself
 * would make (a schema that does not exist, a duplicate name, a key on a missing column).
 * While `applying` is false (the branch of an IF that would not run), statements are read but change nothing.
 */
export class ModelBuilder {
  readonly model: SchemaModel = emptySchemaModel('static')
  readonly issues: StaticIssue[] = []
  readonly notes: StaticNote[] = []
  readonly dataLoss: DataLoss[] = []
  readonly principals = new PermissionsBuilder(this)
  /** Alias types (`CREATE TYPE x FROM …`, `sp_addtype`), by lower-case name. */
  readonly aliasTypes = new Map<string, { type: DataType; notNull: boolean }>()
  /** Tables known to hold rows, with where the first rows came from. */
  readonly rows = new Map<string, SourceLocation>()
  file = ''
  applying = true
  /** The compile pass of a batch: nothing is applied or reported but syntax errors. */
  dry = false
  readonly dryErrors: { line: number; message: string }[] = []

  at(line: number): SourceLocation {
    return { file: this.file, line }
  }

  issue(kind: StaticIssue['kind'], line: number, message: string): void {
    if (this.dry) {
      if (kind === 'syntax') this.dryErrors.push({ line, message })
      return
    }
    if ((kind === 'semantic' || kind === 'unsupported') && !this.applying) return
    this.issues.push({ kind, file: this.file, line, message })
  }

  note(line: number, message: string): void {
    if (this.dry || this.moduleDepth > 0) return
    this.notes.push({ file: this.file, line, message })
  }

  private moduleDepth = 0
  /** How many CATCH blocks the cursor is in (THROW without arguments is only valid there). */
  catchDepth = 0

  /** Reads a module body: nothing in it changes the model or leaves notes (it runs when called). */
  inModule(body: () => void): void {
    this.moduleDepth++
    try {
      this.branch(false, body)
    } finally {
      this.moduleDepth--
    }
  }

  /** Runs `body` with applying switched to `applying && run`. */
  branch(run: boolean, body: () => void): void {
    const saved = this.applying
    this.applying = saved && run
    try {
      body()
    } finally {
      this.applying = saved
    }
  }

  /** Valid T-SQL that the model does not represent: reported, while everything else is kept. */
  unsupported(line: number, what: string): void {
    this.issue('unsupported', line, `${what}: valid T-SQL that the static grader does not model`)
  }

  viewExists(schema: string, name: string): boolean {
    return this.model.views.some((v) => sameName(v.schema, schema) && sameName(v.name, name))
  }

  schemaExists(name: string): boolean {
    return this.model.schemas.some((s) => sameName(s, name))
  }

  /** Tables, views, procedures and constraints share one namespace per schema. */
  objectExists(schema: string, name: string): boolean {
    const inSchema = (o: { schema: string; name: string }) =>
      sameName(o.schema, schema) && sameName(o.name, name)
    const { tables, views, procedures } = this.model
    if (tables.some(inSchema) || views.some(inSchema) || procedures.some(inSchema)) return true
    return this.model.tables.some(
      (t) => sameName(t.schema, schema) && constraintNames(t).some((n) => sameName(n, name)),
    )
  }

  createSchema(name: string, line: number): void {
    if (!this.applying) return
    if (this.schemaExists(name) || BUILT_IN_SCHEMAS.some((s) => sameName(s, name))) {
      this.issue('semantic', line, `there is already a schema named "${name}" in the database`)
      return
    }
    this.model.schemas.push(name)
  }

  /** Checks that an object may be created under this name; reports why not. */
  canCreate(schema: string, name: string, line: number): boolean {
    if (!this.applying) return false
    if (!this.schemaExists(schema)) {
      this.issue(
        'semantic',
        line,
        `the schema "${schema}" does not exist (yet) when "${schema}.${name}" is created: create it first with CREATE SCHEMA ${schema}`,
      )
      return false
    }
    if (this.objectExists(schema, name)) {
      this.issue('semantic', line, `there is already an object named "${schema}.${name}" in the database`)
      return false
    }
    return true
  }

  /** The table, or an issue saying it does not exist. */
  tableOrIssue(schema: string, name: string, line: number): TableModel | undefined {
    if (!this.applying) return undefined
    const table = findTable(this.model, `[${schema}].[${name}]`)
    if (!table)
      this.issue('semantic', line, `the table "${schema}.${name}" does not exist at this point of the script`)
    return table
  }

  /** Reports each column that the table lacks; true when all exist. */
  columnsExist(table: TableModel, columns: string[], line: number): boolean {
    const missing = columns.filter((c) => !findColumn(table, c))
    for (const c of missing)
      this.issue('semantic', line, `the column "${c}" does not exist in ${qualifiedName(table)}`)
    return missing.length === 0
  }

  dropObject(
    kind: 'table' | 'view' | 'procedure',
    schema: string,
    name: string,
    ifExists: boolean,
    line: number,
  ): void {
    if (!this.applying) return
    const list =
      kind === 'table' ? this.model.tables : kind === 'view' ? this.model.views : this.model.procedures
    const index = list.findIndex((o) => sameName(o.schema, schema) && sameName(o.name, name))
    if (index >= 0 && kind === 'table') this.lose(schema, name, 'drop', line)
    if (index >= 0) list.splice(index, 1)
    else if (!ifExists)
      this.issue('semantic', line, `cannot drop the ${kind} "${schema}.${name}": it does not exist`)
  }

  /** Rows were written into `name` (INSERT, MERGE, SELECT … INTO) at this line. */
  insertedInto(name: string, line: number): void {
    if (!this.applying || name.startsWith('#') || name.startsWith('@')) return
    const table = findTable(this.model, name)
    if (table) {
      const key = qualifiedName(table).toLowerCase()
      if (!this.rows.has(key)) this.rows.set(key, this.at(line))
    }
  }

  /** Records what a data change does to the rows the model knows of. */
  dataChange(
    change: Extract<Statement, { kind: 'insert' | 'update' | 'delete' | 'merge' | 'truncate' }>,
  ): void {
    if (change.kind === 'insert' || change.kind === 'merge') this.insertedInto(change.target, change.line)
    if (change.kind === 'truncate' && this.applying) {
      const table = findTable(this.model, change.target)
      if (table) this.lose(table.schema, table.name, 'truncate', change.line)
    }
  }

  private lose(schema: string, name: string, how: DataLoss['how'], line: number): void {
    if (!this.applying) return
    const key = `${schema}.${name}`.toLowerCase()
    const rowsFrom = this.rows.get(key)
    if (!rowsFrom) return
    this.rows.delete(key)
    this.dataLoss.push({ file: this.file, line, table: `${schema}.${name}`, how, rowsFrom })
  }

  createAliasType(name: string, type: DataType, notNull: boolean, line: number): void {
    if (!this.applying) return
    if (this.aliasTypes.has(name.toLowerCase())) {
      this.issue('semantic', line, `there is already a type named "${name}" in the database`)
      return
    }
    this.aliasTypes.set(name.toLowerCase(), { type, notNull })
  }

  createPrincipal(kind: 'role' | 'user', name: string, line: number): void {
    this.principals.create(kind, name, line)
  }

  changeMembership(add: boolean, role: string, member: string, line: number): void {
    this.principals.membership(add, role, member, line)
  }

  permission(
    action: 'GRANT' | 'DENY' | 'REVOKE',
    permission: string,
    securable: { class: 'OBJECT' | 'SCHEMA' | 'DATABASE'; name: string },
    principal: string,
    line: number,
  ): void {
    this.principals.permission(action, permission, securable, principal, line)
  }
}

export function constraintNames(t: TableModel): string[] {
  const named = [t.primaryKey, ...t.uniqueConstraints, ...t.foreignKeys, ...t.checks]
  const defaults = t.columns.map((c) => c.default)
  return [...named, ...defaults].flatMap((c) => (c?.name ? [c.name] : []))
}
