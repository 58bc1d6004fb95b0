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
import type { StaticIssue, StaticNote } from './static-result.ts'

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
  file = ''
  applying = true

  at(line: number): SourceLocation {
    return { file: this.file, line }
  }

  issue(kind: StaticIssue['kind'], line: number, message: string): void {
    if (kind === 'semantic' && !this.applying) return
    this.issues.push({ kind, file: this.file, line, message })
  }

  note(line: number, message: string): void {
    this.notes.push({ file: this.file, line, message })
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

  schemaExists(name: string): boolean {
    return this.model.schemas.some((s) => sameName(s, name))
  }

  /** Tables, views, procedures and constraints share one namespace per schema. */
  objectExists(schema: string, name: string): boolean {
    const inSchema = (o: { schema: string; name: string }) =>
      sameName(o.schema, schema) && sameName(o.name, name)
    if ([...this.model.tables, ...this.model.views, ...this.model.procedures].some(inSchema)) return true
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
    if (index >= 0) list.splice(index, 1)
    else if (!ifExists)
      this.issue('semantic', line, `cannot drop the ${kind} "${schema}.${name}": it does not exist`)
  }
}

export function constraintNames(t: TableModel): string[] {
  const named = [t.primaryKey, ...t.uniqueConstraints, ...t.foreignKeys, ...t.checks]
  const defaults = t.columns.map((c) => c.default)
  return [...named, ...defaults].flatMap((c) => (c?.name ? [c.name] : []))
}
