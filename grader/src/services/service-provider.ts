import type { EnvironmentError, ServiceName } from '@backend-labs/lab-kit'
import type { Lab } from '../engine/lab.ts'
import type { StagedSubmission } from '../engine/stage.ts'

/** What a started (or lazily startable) service adds to every check's context. */
export interface ServiceInstance {
  /** Properties merged into the check context, e.g. `{ repo: () => Promise<RepoView> }`. */
  context: Record<string, unknown>
  /** Notes for the result (e.g. which engine graded). */
  engine?: string
  notices?: string[]
  /**
   * Asked when a check did not pass, before the verdict stands: an error when the service's engine
   * no longer answers (a check that timed out may have been waiting on it, not on the learner).
   */
  stillAnswering?(): Promise<EnvironmentError | undefined>
  /**
   * Always called once grading of the submission ends, whatever happened. What it could not remove
   * it returns, for a notice (the next start's sweep, or `labs clean`, retries those).
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: a service with nothing to report returns Promise<void>
  dispose(): Promise<ServiceLeftovers | undefined | void>
}

/** Resources a service made for one grade and could not remove at its end. */
export interface ServiceLeftovers {
  leftovers: readonly { kind: string; id: string; reason: string }[]
}

/** What the grade was asked for that a service may need to know. */
export interface ServiceRequest {
  /** `--engine`, where a track has several engines. */
  engine?: string
}

export interface ServiceProvider {
  name: ServiceName
  /** Must be cheap: expensive work starts on first use from a check. */
  create(lab: Lab, staged: StagedSubmission, request: ServiceRequest): Promise<ServiceInstance>
}
