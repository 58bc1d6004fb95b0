/**
 * Resources shared by every grade in one grader process (e.g. the one SQL Server of a run).
 * They are released when the command ends, whatever happened; the CLI entry point calls
 * `releaseProcessResources()` and also on SIGINT/SIGTERM.
 */
const releasers: (() => Promise<void>)[] = []

export function onProcessExit(release: () => Promise<void>): void {
  releasers.push(release)
}

export async function releaseProcessResources(): Promise<void> {
  const all = releasers.splice(0).reverse()
  await Promise.allSettled(all.map((release) => release()))
}
