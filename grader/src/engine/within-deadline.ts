import { BadInputError } from '@backend-labs/lab-kit'

/**
 * Waits for `work` until the lab's deadline (a `performance.now()` time). Past it, grading stops
 * with a clear message, and whatever `work` still yields later is released, so nothing it started
 * (a staged copy, a container) outlives the grade.
 */
export async function withinDeadline<T>(
  work: Promise<T>,
  deadline: number,
  what: string,
  release: (value: T) => unknown,
): Promise<T> {
  const late = () => {
    void work.then(release, () => {})
    return new BadInputError(
      `grading stopped: ${what} did not finish within the lab's time limit`,
      'make the submission smaller or faster to build; LABS_LAB_TIMEOUT_S sets the limit in seconds',
    )
  }
  const remainingMs = deadline - performance.now()
  if (remainingMs <= 0) throw late()
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(late()), remainingMs)
  })
  try {
    return await Promise.race([work, timeout])
  } finally {
    clearTimeout(timer)
  }
}
