export { CannotDecide, cannotDecide } from './cannot-decide.ts'
export type { Check, CheckContext, CheckSpec, Visibility } from './check.ts'
export { DEFAULT_CHECK_TIMEOUT_MS, defineChecks } from './check.ts'
export type { FailureDetails } from './check-failure.ts'
export { CheckFailure, expectThat, fail, formatFailure } from './check-failure.ts'
export { CheckFailures, expectAll } from './check-failures.ts'
export { BadInputError, EnvironmentError, ExitCode, InternalError } from './errors.ts'
export type { LabManifest, ManifestIssue, ServiceName } from './manifest.ts'
export { LabManifestSchema, parseManifest, SERVICES } from './manifest.ts'
export {
  checkMessage,
  describePassedStatic,
  describeSkip,
  describeUndecided,
  isBlockingSkip,
} from './result-wording.ts'
export type {
  CheckResult,
  CheckStatus,
  LabResult,
  LabStatus,
  ResultsDocument,
  SkipReason,
} from './results.ts'
export { RESULTS_SCHEMA_VERSION } from './results.ts'
export type { ScratchRootChoice } from './scratch-root.ts'
export { MIN_MEMORY_FS_FREE_BYTES, scratchRoot, scratchRootChoice, scratchRoots } from './scratch-root.ts'
export type { Alternative, Fixture, SubmissionRecipe, Suite } from './suite.ts'
export { defineSuite } from './suite.ts'
export { MAX_TIME_SCALE, machineTimeScale, scaledWait } from './time-scale.ts'
