import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { scratchRoot, scratchRoots } from '@backend-labs/lab-kit'
import { holdUntilExit } from './process-resources.ts'

const PATTERN = /^labs-[a-z]+-(\d+)-/

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * A private temporary folder named after this process (`labs-<kind>-<pid>-…`), in the scratch root
 * (memory when the machine has room: see `scratchRoot`). `release()` removes
 * it; an interrupted process removes it on the way out, and a killed one leaves it for
 * {@link sweepTempDirs} in the next run.
 */
export async function privateTempDir(kind: string): Promise<{ dir: string; release: () => Promise<void> }> {
  const dir = await mkdtemp(join(scratchRoot(), `labs-${kind}-${process.pid}-`))
  // retried: on an interrupt, a git process of the grade may still be writing into it (ENOTEMPTY)
  const remove = () => rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 })
  const unhold = holdUntilExit(remove)
  return {
    dir,
    release: async () => {
      unhold()
      await remove()
    },
  }
}

/** Removes the temporary folders of grader processes that no longer run. */
export async function sweepTempDirs(): Promise<number> {
  let removed = 0
  for (const root of scratchRoots())
    for (const name of await readdir(root).catch(() => [])) {
      const pid = Number(name.match(PATTERN)?.[1])
      if (!pid || pid === process.pid || alive(pid)) continue
      await rm(join(root, name), { recursive: true, force: true }).catch(() => {})
      removed++
    }
  return removed
}
