/** Where a submission comes from. */
export type SubmissionSource =
  /** The learner's workspace (for git labs: the live repo, or the submitted bundle if there is no repo). */
  | { kind: 'workspace' }
  /** A folder or a git bundle named with --submission. */
  | { kind: 'path'; path: string }
