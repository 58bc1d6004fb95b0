import type Docker from 'dockerode'
import { LABEL } from './labels.ts'

export interface LearnerImageCachePolicy {
  /** Images older than this are removed; default 7 days. */
  maxAgeDays?: number
  /** Only this lab's images (`org.backend-labs.lab`); default all labs. */
  labId?: string
  /** Only the newest this many are kept; default 20. */
  maxImages?: number
  /**
   * Images younger than this are never removed, whatever their number; default 60 min. Another grade
   * may be between its build and a rebuild that needs that image's layers as cache (a whole-class
   * verify or batch builds far more than `maxImages` meanwhile).
   */
  minAgeMinutes?: number
  now?: Date
}

/**
 * Learner images are build cache only (`backend-labs/learner/<lab>:<hash-of-context>`): this removes
 * those older than `maxAgeDays`, then the oldest beyond `maxImages`. Images a container still uses
 * are skipped (the engine refuses), never forced.
 */
export async function pruneLearnerImages(
  docker: Docker,
  policy: LearnerImageCachePolicy = {},
): Promise<{ removed: string[]; kept: number }> {
  const now = (policy.now ?? new Date()).getTime()
  const maxAgeMs = (policy.maxAgeDays ?? 7) * 24 * 3600_000
  const minAgeMs = (policy.minAgeMinutes ?? 60) * 60_000
  const images = (
    await docker.listImages({
      filters: JSON.stringify({
        label: [`${LABEL.learnerImage}=true`, ...(policy.labId ? [`${LABEL.lab}=${policy.labId}`] : [])],
      }),
    })
  ).sort((a, b) => b.Created - a.Created)
  const removed: string[] = []
  let kept = 0
  for (const image of images) {
    const ageMs = now - image.Created * 1000
    const tooOld = ageMs > maxAgeMs
    if (ageMs < minAgeMs || (!tooOld && kept < (policy.maxImages ?? 20))) {
      kept++
      continue
    }
    try {
      await docker.getImage(image.Id).remove({ force: false })
      removed.push(image.RepoTags?.[0] ?? image.Id)
    } catch {
      kept++
    }
  }
  return { removed, kept }
}
