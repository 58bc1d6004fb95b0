// The live engine (mssql, testcontainers) is exported from `@backend-labs/sql-kit/live`, so the static
// path never loads those heavy modules.
export type { Batch, SplitIssue, SplitResult } from './batch-splitter.ts'
export { scriptLine, splitBatches } from './batch-splitter.ts'
export type { ScalarRow, Truth } from './check-eval/evaluate-scalar.ts'
export { evaluatePredicate, evaluateScalar, scalarRow } from './check-eval/evaluate-scalar.ts'
export { parseScalar } from './check-eval/parse-scalar.ts'
export type { ScalarExpression, SqlValue } from './check-eval/scalar-expression.ts'
export { UnsupportedExpression } from './check-eval/scalar-tokens.ts'
export type { CheckVerdict } from './check-eval/table-check-verdict.ts'
export { checkVerdict } from './check-eval/table-check-verdict.ts'
export type { EngineChoice, EngineChoiceInput, EngineName } from './choose-engine.ts'
export { chooseEngine } from './choose-engine.ts'
export { compareModels } from './compare-models.ts'
export type { DockerFacts, DockerFactsOptions } from './docker-facts.ts'
export { detectDockerFacts } from './docker-facts.ts'
export { expectCheck } from './expect/expect-check.ts'
export type { CheckBehaviour, CheckBehaviourReport } from './expect/expect-check-behaviour.ts'
export { expectCheckBehaviour, formatSqlValue } from './expect/expect-check-behaviour.ts'
export type { ColumnExpectation } from './expect/expect-column.ts'
export { describeType, expectColumn } from './expect/expect-column.ts'
export type { IndexExpectation } from './expect/expect-index.ts'
export { expectIndex } from './expect/expect-index.ts'
export type { ForeignKeyExpectation } from './expect/expect-keys.ts'
export { expectForeignKey, expectPrimaryKey, expectUnique } from './expect/expect-keys.ts'
export { expectAccepted, expectRejected } from './expect/expect-probe.ts'
export { expectScriptRan } from './expect/expect-script.ts'
export { expectSchema, expectTable } from './expect/expect-table.ts'
export type { CatalogRows } from './live/catalog-rows.ts'
export { catalogToModel } from './live/catalog-to-model.ts'
export type { Credentials, PoolOptions, ServerAddress } from './live/connect.ts'
export type { LiveEngine, LiveSubmission, SubmissionOptions } from './live/live-engine.ts'
export type { MssqlServer, MssqlServerOptions } from './live/mssql-server.ts'
export type { ProbeOptions, ProbeOutcome } from './live/probe.ts'
export type { RunOptions, ScriptError, ScriptRun } from './live/run-script.ts'
export type { SandboxOptions } from './live/sandbox.ts'
export { normalizeExpression } from './normalize-expression.ts'
export type {
  CheckModel,
  ColumnModel,
  ForeignKeyModel,
  IndexModel,
  KeyColumn,
  KeyConstraintModel,
  ModuleModel,
  PermissionModel,
  PermissionsModel,
  PrincipalModel,
  ReferentialAction,
  RoleMembershipModel,
  SchemaModel,
  SourceLocation,
  TableModel,
} from './schema-model.ts'
export {
  DEFAULT_SCHEMA,
  emptySchemaModel,
  findColumn,
  findTable,
  nameKey,
  parseQualifiedName,
  qualifiedName,
  sameName,
} from './schema-model.ts'
export type { AppliedScripts, SqlCheckContext, SqlLab } from './sql-check-context.ts'
export type { Expr, Query, SelectItem, Statement, TableRef } from './static/ast.ts'
export { walkStatements } from './static/ast.ts'
export type { AccessVerdict } from './static/effective-permission.ts'
export { effectivePermission, principalsOf } from './static/effective-permission.ts'
export type { DataChangeSite, ProcedureFlow } from './static/procedure-flow.ts'
export { parseModuleText, procedureFlow, procedureFlowOf } from './static/procedure-flow.ts'
export type { ScriptFile } from './static/static-engine.ts'
export { analyzeScripts } from './static/static-engine.ts'
export type { DataLoss, StaticIssue, StaticNote, StaticResult } from './static/static-result.ts'
export { formatIssue } from './static/static-result.ts'
