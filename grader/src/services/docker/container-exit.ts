import type Docker from 'dockerode'

/** The container's exit code, or undefined when it is still running after `timeoutMs`. */
export async function exitWithin(
  container: Docker.Container,
  timeoutMs: number,
): Promise<number | undefined> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs)
  })
  try {
    return await Promise.race([container.wait().then((r: { StatusCode: number }) => r.StatusCode), deadline])
  } finally {
    clearTimeout(timer)
  }
}
