import type { CheckContext } from '@backend-labs/lab-kit'
import type { RepoView } from './repo-view.ts'

/** What checks of a lab with `services: [git]` receive. */
export interface GitCheckContext extends CheckContext {
  /** The staged copy of the learner's repository. */
  repo(): Promise<RepoView>
}
