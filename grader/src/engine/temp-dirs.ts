import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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
 * A private temporary folder named after this process (`labs-<kind>-<pid>-…`). `release()` removes
 * it; an interrupted process removes it on the way out, and a killed one leaves it for
 * {@link sweepTempDirs} in the next run.
 */
export async function privateTempDir(kind: string): Promise<{ dir: string; release: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `labs-${kind}-${process.pid}-`))
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
  for (const name of await readdir(tmpdir()).catch(() => [])) {
    const pid = Number(name.match(PATTERN)?.[1])
    if (!pid || pid === process.pid || alive(pid)) continue
    await rm(join(tmpdir(), name), { recursive: true, force: true }).catch(() => {})
    removed++
  }
  return removed
}
