/**
 * Resources that must not outlive the grader process: those shared by every grade of a run (the one
 * SQL Server) and those of grades still in progress (their containers and networks). The CLI entry
 * point calls `releaseProcessResources()` when the command ends and on SIGINT/SIGTERM.
 */
const atExit: (() => Promise<unknown>)[] = []
const held = new Set<() => Promise<unknown>>()

/** Releases `release` when the process ends. */
export function onProcessExit(release: () => Promise<unknown>): void {
  atExit.push(release)
}

/**
 * Holds a resource of one grade until it is disposed normally (call the returned function then);
 * if the process is interrupted first, it is released with the rest.
 */
export function holdUntilExit(release: () => Promise<unknown>): () => void {
  // made by a grade still running after the release began (an interrupt mid-grade): release it now
  if (releasing) {
    void release().catch(() => {})
    return () => {}
  }
  held.add(release)
  return () => held.delete(release)
}

let releasing = false

export async function releaseProcessResources(): Promise<void> {
  releasing = true
  const all = [...held, ...atExit.splice(0).reverse()]
  held.clear()
  await Promise.allSettled(all.map((release) => release()))
}
