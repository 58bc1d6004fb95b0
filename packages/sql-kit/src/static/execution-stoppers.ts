import type { Statement } from './ast.ts'
import type { ModelBuilder } from './model-builder.ts'

/** Session options that make SQL Server compile the statements after them without running them. */
const NOT_RUN_OPTIONS = new Set(['NOEXEC', 'PARSEONLY', 'FMTONLY'])
/** System procedures that change objects in ways the static model does not follow. */
const UNMODELLED_PROCEDURES = /^(sys\.)?(sp_rename|sp_renamedb)$/i

/**
 * Top-level statements of a batch that stop or change what SQL Server runs: RETURN and THROW end the
 * batch (the statements after them never run), RAISERROR with severity 20 or more ends the
 * connection, SET NOEXEC/PARSEONLY/FMTONLY stop execution, sp_rename renames an object. The static
 * model applies every statement it reads, so it cannot tell what such a script leaves behind:
 * each is reported as `unsupported`, which the static verdict never passes.
 */
export function flagExecutionStoppers(statements: readonly Statement[], b: ModelBuilder): void {
  for (const s of statements) {
    const why = stopper(s)
    if (why) b.issue('unsupported', s.line, why)
  }
}

function stopper(s: Statement): string | undefined {
  switch (s.kind) {
    case 'return':
      return 'RETURN outside a procedure ends the batch: the statements after it never run'
    case 'throw':
      return 'THROW outside a TRY block ends the batch: the statements after it never run'
    case 'raiserror':
      return s.severity !== undefined && s.severity >= 20
        ? `RAISERROR with severity ${s.severity} ends the connection: nothing after it runs`
        : undefined
    case 'set':
      return NOT_RUN_OPTIONS.has(s.target.toUpperCase())
        ? `SET ${s.target.toUpperCase()} makes SQL Server stop running the statements after it`
        : undefined
    case 'exec':
      return s.procedure && UNMODELLED_PROCEDURES.test(s.procedure)
        ? `${s.procedure} renames an object, which the static engine does not follow`
        : undefined
    default:
      return undefined
  }
}
