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
  held.add(release)
  return () => held.delete(release)
}

export async function releaseProcessResources(): Promise<void> {
  const all = [...held, ...atExit.splice(0).reverse()]
  held.clear()
  await Promise.allSettled(all.map((release) => release()))
}
