import { createHash } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { open, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { pidAlive } from './stale-sweep.ts'

const LOCK_DIR = join(tmpdir(), 'backend-labs-build-locks')

/**
 * Holds a lock on this machine for building `ref`, waiting (≤ `waitMs`) while another live process
 * holds it: two grades of the same submission at once would each build and tag the same ref, and
 * the first image would be left dangling. The second grade then finds the first one's image.
 * A lock whose owner died is taken over. Returns the release function.
 */
export async function lockBuild(ref: string, waitMs: number): Promise<() => Promise<void>> {
  mkdirSync(LOCK_DIR, { recursive: true })
  const path = join(LOCK_DIR, `${createHash('sha256').update(ref).digest('hex').slice(0, 24)}.lock`)
  const deadline = Date.now() + waitMs
  while (true) {
    try {
      const handle = await open(path, 'wx')
      await handle.writeFile(String(process.pid))
      await handle.close()
      return () => rm(path, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const owner = Number(await readFile(path, 'utf8').catch(() => ''))
    // an empty file is a lock being written right now; a dead owner's lock is stale
    if (owner && !pidAlive(owner)) await rm(path, { force: true })
    else if (Date.now() >= deadline)
      return async () => {} // build anyway rather than fail the grade
    else await sleep(200)
  }
}
