export type { Commit, Ref } from './commit-graph.ts'
export { CommitGraph } from './commit-graph.ts'
export type { MarkerHit } from './conflict-markers.ts'
export { findConflictMarkers } from './conflict-markers.ts'
export type { GitCheckContext } from './git-check-context.ts'
export type {
  GitServerCheckContext,
  RejectedPush,
  RemoteRef,
  RemoteView,
} from './git-server-check-context.ts'
export {
  describeCommit,
  expectBranch,
  expectContains,
  expectLinear,
  expectTag,
  plural,
  shortSha,
} from './graph-expect.ts'
export type { GitIdentity, GitResult, GitRunOptions } from './hardened-git.ts'
export { GitCommandError, HardenedGit, hardenedGitEnv } from './hardened-git.ts'
export type { ConditionProblem, ConditionSource, InProgress, RepoCondition } from './repo-condition.ts'
export { conditionProblem, inspectRepo } from './repo-condition.ts'
export { RepoView } from './repo-view.ts'
export type { CommitOptions } from './scenario-builder.ts'
export { buildScenario, PEOPLE, ScenarioBuilder } from './scenario-builder.ts'
export { ScenarioClock } from './scenario-clock.ts'
export { branchTips, scenarioSnapshot } from './scenario-snapshot.ts'
export { isBundle, stageBundle, stageRepo } from './stage-repo.ts'
export { stagedBareGit, stagedGit } from './staged-git.ts'
