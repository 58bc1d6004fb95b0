import type { ProcedureFlow } from '@backend-labs/sql-kit'

/**
 * What is wrong with the shape of shop.PlaceOrder, read from its syntax tree (every problem, in the
 * order a reader meets them). Lines are those of the learner's file under the static engine, and of
 * the stored definition under the live one.
 */
export function structureProblems(flow: ProcedureFlow): string[] {
  const problems: string[] = []
  if (!flow.hasTryCatch) problems.push('no BEGIN TRY … END TRY BEGIN CATCH … END CATCH')
  if (flow.beginTransactionLine === undefined) problems.push('no BEGIN TRANSACTION')
  else
    for (const c of flow.changesOutsideTransaction)
      problems.push(
        c.line < flow.beginTransactionLine
          ? `the ${c.kind} on ${c.target} (line ${c.line}) runs before BEGIN TRANSACTION (line ${flow.beginTransactionLine}), so a failure after it leaves it behind`
          : `the ${c.kind} on ${c.target} (line ${c.line}) runs after the transaction has ended`,
      )
  if (flow.hasTryCatch && !flow.rollsBackInCatch) problems.push('no ROLLBACK in the CATCH block')
  if (flow.hasTryCatch && flow.raisesInCatch.length === 0) {
    const messages = flow.messagesInCatch.map(
      (m) => `RAISERROR with severity ${m.severity} (line ${m.line}) is only a message`,
    )
    const outside = flow.raisesOutsideCatch.map(
      (r) => `the ${r.kind === 'throw' ? 'THROW' : 'RAISERROR'} on line ${r.line} is outside the CATCH block`,
    )
    problems.push(
      `the CATCH block raises no error to the caller${[...messages, ...outside].length ? ` (${[...messages, ...outside].join('; ')})` : ''}`,
    )
  }
  return problems
}
