import type { CommitGraph } from './commit-graph.ts'
import type { GitCheckContext } from './git-check-context.ts'

/** One ref as the remote advertises it (`git ls-remote`). */
export interface RemoteRef {
  /** Full name, e.g. `refs/heads/feature`, `refs/tags/v1.0.0`. */
  name: string
  /** The object the ref names: a commit, or the tag object of an annotated tag. */
  object: string
  /** The commit it points at (peeled for annotated tags). */
  target: string
  annotated: boolean
}

/** A push of the learner's that the protected remote refused when it was replayed. */
export interface RejectedPush {
  /** Full ref name, e.g. `refs/heads/main`. */
  ref: string
  /** `update` (e.g. a rewritten branch), `create` or `delete`. */
  kind: 'create' | 'update' | 'delete'
  /** git's reason, e.g. `non-fast-forward`, `deletion prohibited`. */
  reason: string
  /** git's own lines about it, e.g. `! [rejected] main -> main (non-fast-forward)`. */
  message: string
}

/**
 * The shared remote after the learner's pushes were replayed onto a protected git server
 * (no force pushes, no deletions), as a team's server would have taken them.
 */
export interface RemoteView {
  /** The server's refs. */
  refs(): Promise<RemoteRef[]>
  /** The commit graph of a fresh clone of the server (branches and tags under their own names). */
  graph(): Promise<CommitGraph>
  /** The learner's pushes the server refused. */
  readonly rejected: readonly RejectedPush[]
}

/** What checks of a lab with `services: [git, git-server]` receive. */
export interface GitServerCheckContext extends GitCheckContext {
  /** The remote, served by a containerised git server; started on first use. */
  remote(): Promise<RemoteView>
}
