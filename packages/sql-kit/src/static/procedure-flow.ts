import type { ModuleModel } from '../schema-model.ts'
import type { Statement } from './ast.ts'
import { ModelBuilder } from './model-builder.ts'
import { parseBatch } from './parse-statement.ts'
import { ParseError, TokenCursor } from './token-cursor.ts'
import { LexError, tokenize } from './tsql-lexer.ts'

/** A data change (INSERT, UPDATE, DELETE, MERGE) on a real table, with where it is. */
export interface DataChangeSite {
  kind: string
  target: string
  line: number
}

/** Control-flow facts of a procedure, read from its syntax tree. */
export interface ProcedureFlow {
  /** Whether the body has a BEGIN TRY … END TRY BEGIN CATCH … END CATCH. */
  hasTryCatch: boolean
  /** Raises inside a CATCH block that reach the caller: THROW, or RAISERROR with severity ≥ 11. */
  raisesInCatch: { kind: 'throw' | 'raiserror'; line: number }[]
  /** RAISERROR inside a CATCH with severity ≤ 10: only a message, the caller sees no error. */
  messagesInCatch: { severity: number; line: number }[]
  /** THROW/RAISERROR (≥ 11) outside every CATCH block. */
  raisesOutsideCatch: { kind: 'throw' | 'raiserror'; line: number }[]
  /** Whether a ROLLBACK is inside a CATCH block. */
  rollsBackInCatch: boolean
  /** The first BEGIN TRANSACTION, if any. */
  beginTransactionLine?: number
  /** Data changes on tables (not @table variables or #temp tables), in source order. */
  dataChanges: DataChangeSite[]
  /** Data changes that run while no transaction is open (before BEGIN TRAN or after COMMIT). */
  changesOutsideTransaction: DataChangeSite[]
}

const CHANGES = new Set(['insert', 'update', 'delete', 'merge', 'truncate'])

/** The flow facts of a procedure body. */
export function procedureFlow(body: readonly Statement[]): ProcedureFlow {
  const flow: ProcedureFlow = {
    hasTryCatch: false,
    raisesInCatch: [],
    messagesInCatch: [],
    raisesOutsideCatch: [],
    rollsBackInCatch: false,
    dataChanges: [],
    changesOutsideTransaction: [],
  }
  visit(body, flow, { inCatch: false, open: false })
  return flow
}

interface State {
  inCatch: boolean
  /** Whether a transaction is open at this point of the main path (CATCH blocks are not on it). */
  open: boolean
}

function visit(statements: readonly Statement[], flow: ProcedureFlow, state: State): void {
  for (const s of statements) {
    switch (s.kind) {
      case 'block':
        visit(s.body, flow, state)
        break
      case 'try':
        flow.hasTryCatch = true
        visit(s.body, flow, state)
        visit(s.catchBody, flow, { inCatch: true, open: state.open })
        break
      case 'if':
      case 'while': {
        const branches = s.kind === 'if' ? (s.else ? [s.then, s.else] : [s.then]) : [s.body]
        for (const branch of branches) visit([branch], flow, state)
        break
      }
      case 'transaction':
        if (state.inCatch) {
          if (s.action === 'rollback') flow.rollsBackInCatch = true
          break
        }
        if (s.action === 'begin') {
          state.open = true
          flow.beginTransactionLine ??= s.line
        } else if (s.action === 'commit' || s.action === 'rollback') state.open = false
        break
      case 'throw':
        ;(state.inCatch ? flow.raisesInCatch : flow.raisesOutsideCatch).push({ kind: 'throw', line: s.line })
        break
      case 'raiserror':
        if ((s.severity ?? 16) >= 11)
          (state.inCatch ? flow.raisesInCatch : flow.raisesOutsideCatch).push({
            kind: 'raiserror',
            line: s.line,
          })
        else if (state.inCatch) flow.messagesInCatch.push({ severity: s.severity ?? 0, line: s.line })
        break
      default:
        if (CHANGES.has(s.kind) && 'target' in s && !state.inCatch && isRealTable(s.target)) {
          const site = { kind: s.kind.toUpperCase(), target: s.target, line: s.line }
          flow.dataChanges.push(site)
          if (!state.open) flow.changesOutsideTransaction.push(site)
        }
    }
  }
}

function isRealTable(name: string): boolean {
  return !name.startsWith('@') && !name.startsWith('#')
}

/**
 * The flow of a procedure from the model: its parsed body (static engine) or, under the live engine,
 * its definition text from the catalog parsed here. Undefined when the text does not parse.
 */
export function procedureFlowOf(module: ModuleModel): ProcedureFlow | undefined {
  if (module.body) return procedureFlow(bodyOf(module.body))
  const body = parseModuleText(module.definition)
  return body ? procedureFlow(body) : undefined
}

function bodyOf(statements: readonly Statement[]): Statement[] {
  const [first] = statements
  return first?.kind === 'module' ? first.body : [...statements]
}

/** Parses a module's definition on its own (a batch of its own, as SQL Server stores it). */
export function parseModuleText(definition: string): Statement[] | undefined {
  try {
    const b = new ModelBuilder()
    const cur = new TokenCursor(tokenize(definition, 1), definition, definition.split('\n').length)
    let statements: Statement[] = []
    b.branch(false, () => {
      statements = parseBatch(cur, b)
    })
    const [module] = statements
    return module?.kind === 'module' ? module.body : undefined
  } catch (error) {
    if (error instanceof ParseError || error instanceof LexError) return undefined
    throw error
  }
}
