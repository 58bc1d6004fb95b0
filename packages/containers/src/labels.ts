import { hostname } from 'node:os'

/** Labels every resource the grader creates carries; the sweep finds leftovers by them. */
export const LABEL = {
  run: 'org.backend-labs.run',
  pid: 'org.backend-labs.pid',
  host: 'org.backend-labs.host',
  created: 'org.backend-labs.created',
  /** Set on learner images kept as build cache; the cache pruner selects by it. */
  learnerImage: 'org.backend-labs.learner-image',
  lab: 'org.backend-labs.lab',
  /** Set by the offline seeder on images that stand in for a catalog image. */
  standIn: 'org.backend-labs.stand-in',
} as const

export const TESTCONTAINERS_LABEL = 'org.testcontainers'
export const TESTCONTAINERS_SESSION_LABEL = 'org.testcontainers.session-id'

/** The labels that tie a resource to one grading run of this process. */
export function runLabels(runId: string, now: Date = new Date()): Record<string, string> {
  return {
    [LABEL.run]: runId,
    [LABEL.pid]: String(process.pid),
    [LABEL.host]: hostname(),
    [LABEL.created]: now.toISOString(),
  }
}
